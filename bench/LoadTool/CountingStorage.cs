using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

namespace OrleansSessions.LoadTool;

/// <summary>
/// Wraps the silo's default grain storage, whatever it is, and counts every write and its bytes as the silo's grain
/// storage serializer makes them, per state name (<c>user</c>, <c>userAudit</c>, <c>device</c>, ...).
/// </summary>
public sealed class CountingStorage(IGrainStorage inner, IGrainStorageSerializer serializer) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ConcurrentDictionary<string, (int Writes, long Bytes)> _written = new();

    /// <summary>Puts a counter in front of the default storage registered so far.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var original = services.Last(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage)
            && Equals(d.ServiceKey, ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (provider, key) =>
            new CountingStorage(
                (IGrainStorage)original.KeyedImplementationFactory!(provider, key),
                provider.GetRequiredService<IGrainStorageSerializer>()));
    }

    /// <summary>The writes and bytes per state name since the last call.</summary>
    public IReadOnlyDictionary<string, (int Writes, long Bytes)> Take()
    {
        var taken = new Dictionary<string, (int, long)>();
        foreach (var name in _written.Keys)
        {
            if (_written.TryRemove(name, out var counted))
            {
                taken[name] = counted;
            }
        }

        return taken;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var bytes = serializer.Serialize(grainState.State).ToMemory().Length;
        _written.AddOrUpdate(stateName, (1, bytes), (_, c) => (c.Writes + 1, c.Bytes + bytes));
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
