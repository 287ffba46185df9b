using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansSessions.TestSupport;
using Xunit;

namespace OrleansSessions.Persistence.Tests;

/// <summary>
/// Orleans's Azure Table grain storage on Azurite, configured as a clustered silo configures it (Orleans's binary
/// serializer, state deleted on clear), on a table of its own, started through the silo lifecycle.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableGrainStorageTests(AzuriteFixture azurite) : GrainStorageContract
{
    private const string ProviderName = "AzureTableUnderTest";

    /// <summary>15 properties of 64 KiB, the most the provider splits a state over.</summary>
    private const int MostSerializedBytes = 15 * 64 * 1024;

    private IHost? _host;

    /// <summary>Just under the provider's limit: the serialized state adds a few bytes to the payload.</summary>
    protected override int LargePayloadBytes => MostSerializedBytes - 64;

    protected override async Task<IGrainStorage> StartAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(serviceId: "storage-tests")
            .AddAzureTableGrainStorage(ProviderName, options =>
            {
                options.TableServiceClient = azurite.CreateClient();
                options.TableName = "t" + Guid.NewGuid().ToString("N");
                options.DeleteStateOnClear = true;
            }));
        builder.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        _host = builder.Build();
        var storage = _host.Services.GetRequiredKeyedService<IGrainStorage>(ProviderName);
        var lifecycle = new SiloLifecycleSubject(_host.Services.GetRequiredService<ILogger<SiloLifecycleSubject>>());
        ((ILifecycleParticipant<ISiloLifecycle>)storage).Participate(lifecycle);
        await lifecycle.OnStart();
        return storage;
    }

    public override async Task DisposeAsync() => await ((IAsyncDisposable)_host!).DisposeAsync();

    [Fact]
    public async Task State_past_the_limit_fails_before_writing_and_keeps_the_stored_state()
    {
        var grainId = NewGrainId();
        var grainState = await InsertAsync(grainId, "kept");
        var eTag = grainState.ETag;
        grainState.State = new TestState { Text = "too large", Payload = new byte[MostSerializedBytes] };

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Storage.WriteStateAsync("state", grainId, grainState));

        Assert.Equal(eTag, grainState.ETag);
        var read = await ReadAsync(grainId);
        Assert.Equal("kept", read.State.Text);
        Assert.Equal(eTag, read.ETag);
    }
}
