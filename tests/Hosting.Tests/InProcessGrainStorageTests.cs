using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansSessions.Grains;
using OrleansSessions.Hosting;

namespace OrleansSessions.Hosting.Tests;

/// <summary>The embedded mode's storage keeps the concurrency contract of a real store.</summary>
public sealed class InProcessGrainStorageTests : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly InProcessGrainStorage _storage;
    private readonly GrainId _grain = GrainId.Create("test", Guid.NewGuid().ToString("N"));

    public InProcessGrainStorageTests()
    {
        _services = new ServiceCollection().AddSerializer()
            .AddSingleton<IGrainStorageSerializer, BinaryGrainStorageSerializer>()
            .BuildServiceProvider();
        _storage = ActivatorUtilities.CreateInstance<InProcessGrainStorage>(_services);
    }

    [Fact]
    public async Task State_round_trips_through_the_serializer_with_a_new_etag_per_write()
    {
        var missing = await Read();
        Assert.False(missing.RecordExists);
        Assert.Null(missing.ETag);
        Assert.NotNull(missing.State);

        var written = new GrainState<List<string>>(["a"]);
        await _storage.WriteStateAsync("state", _grain, written);
        var firstETag = written.ETag;
        await _storage.WriteStateAsync("state", _grain, written);

        var read = await Read();
        Assert.True(read.RecordExists);
        Assert.Equal(["a"], read.State);
        Assert.NotSame(written.State, read.State);
        Assert.NotEqual(firstETag, written.ETag);
        Assert.Equal(written.ETag, read.ETag);
        Assert.False((await Read("other")).RecordExists);
    }

    [Fact]
    public async Task A_write_or_clear_with_a_stale_etag_conflicts_and_changes_nothing()
    {
        var first = new GrainState<List<string>>(["first"]);
        await _storage.WriteStateAsync("state", _grain, first);
        var stale = new GrainState<List<string>>(["stale"]) { ETag = first.ETag };
        await _storage.WriteStateAsync("state", _grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("state", _grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync("state", _grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteStateAsync("state", _grain, new GrainState<List<string>>(["insert"])));

        Assert.Equal(["first"], (await Read()).State);
        await _storage.ClearStateAsync("state", _grain, first);
        Assert.False((await Read()).RecordExists);
        Assert.Empty(first.State!);
    }

    private async Task<GrainState<List<string>>> Read(string stateName = "state")
    {
        var state = new GrainState<List<string>>();
        await _storage.ReadStateAsync(stateName, _grain, state);
        return state;
    }

    public void Dispose() => _services.Dispose();
}
