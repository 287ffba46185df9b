using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace OrleansSessions.Hosting.Embedded;

/// <summary>
/// The embedded mode's throwaway grain storage (<c>Embedded__Storage=memory</c>): every grain's state as the bytes of the silo's grain storage serializer, in
/// this process's memory, with a new ETag per write. It keeps the contract of a real store (ETag conflicts raise
/// <see cref="InconsistentStateException"/>, state goes through the same serializer as in a cluster), one compact
/// copy per grain, and no grain call per write, where Orleans's MemoryGrainStorage keeps object copies in storage
/// grains so that the silos of a test cluster can share them. Its state lives and dies with the process: one silo only.
/// </summary>
public sealed class InProcessGrainStorage(IGrainStorageSerializer serializer, IActivatorProvider activators) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), Stored> _states = new();
    private long _writes;

    /// <summary>The grains that have a state of this name.</summary>
    public IEnumerable<GrainId> GrainIds(string stateName) =>
        _states.Keys.Where(key => key.StateName == stateName).Select(key => key.GrainId);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_states.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.State = serializer.Deserialize<T>(new BinaryData(stored.Data)) ?? Create<T>();
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            Reset(grainState);
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var written = new Stored(serializer.Serialize(grainState.State).ToArray(), NextETag());
        var replaced = grainState.ETag is null
            ? _states.TryAdd(key, written)
            : _states.TryGetValue(key, out var current) && current.ETag == grainState.ETag && _states.TryUpdate(key, written, current);
        if (!replaced)
        {
            throw Conflict(key, grainState.ETag);
        }

        grainState.ETag = written.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var cleared = _states.TryGetValue(key, out var current)
            ? current.ETag == grainState.ETag && _states.TryRemove(KeyValuePair.Create(key, current))
            : grainState.ETag is null;
        if (!cleared)
        {
            throw Conflict(key, grainState.ETag);
        }

        Reset(grainState);
        return Task.CompletedTask;
    }

    private void Reset<T>(IGrainState<T> grainState)
    {
        grainState.State = Create<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private T Create<T>() => activators.GetActivator<T>().Create();

    private string NextETag() => Interlocked.Increment(ref _writes).ToString(CultureInfo.InvariantCulture);

    private InconsistentStateException Conflict((string StateName, GrainId GrainId) key, string? expected) => new(
        $"The {key.StateName} state of {key.GrainId} changed since it was read (ETag {expected ?? "none"}).",
        _states.TryGetValue(key, out var stored) ? stored.ETag : "none",
        expected ?? "none");

    private sealed record Stored(byte[] Data, string ETag);
}
