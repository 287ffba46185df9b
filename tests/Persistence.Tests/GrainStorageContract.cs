using Orleans.Runtime;
using Orleans.Storage;
using Xunit;

namespace OrleansSessions.Persistence.Tests;

/// <summary>
/// What the session grains rely on from any grain storage, run against each provider the silos can be given: a
/// write or clear names the ETag it read and changes nothing when storage holds another, every write gets a new
/// ETag, a cleared state reads as new, and large state round-trips.
/// </summary>
public abstract class GrainStorageContract : IAsyncLifetime
{
    private IGrainStorage? _storage;

    protected IGrainStorage Storage => _storage!;

    /// <summary>The size of a payload near the largest state the provider keeps.</summary>
    protected abstract int LargePayloadBytes { get; }

    protected abstract Task<IGrainStorage> StartAsync();

    public async Task InitializeAsync() => _storage = await StartAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Read_of_missing_state_gives_a_new_state_and_no_etag()
    {
        var read = await ReadAsync(NewGrainId());

        Assert.NotNull(read.State);
        Assert.Null(read.State.Text);
        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task Written_state_reads_back_with_its_etag_and_every_write_changes_it()
    {
        var grainId = NewGrainId();
        var written = await InsertAsync(grainId, "same");
        var eTags = new List<string?> { written.ETag };
        for (var write = 0; write < 5; write++)
        {
            await Storage.WriteStateAsync("state", grainId, written);
            eTags.Add(written.ETag);
        }

        var read = await ReadAsync(grainId);

        Assert.True(read.RecordExists);
        Assert.Equal("same", read.State.Text);
        Assert.NotSame(written.State, read.State);
        Assert.Equal(written.ETag, read.ETag);
        Assert.All(eTags, Assert.NotNull);
        Assert.Equal(eTags.Count, eTags.Distinct().Count());
    }

    [Fact]
    public async Task A_second_insert_without_etag_conflicts_and_keeps_the_first()
    {
        var grainId = NewGrainId();
        await InsertAsync(grainId, "first");

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => InsertAsync(grainId, "second"));

        Assert.Equal("first", (await ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_conflicts_and_changes_nothing()
    {
        var grainId = NewGrainId();
        await InsertAsync(grainId, "v1");
        var winner = await ReadAsync(grainId);
        var loser = await ReadAsync(grainId);
        var staleETag = loser.ETag;
        winner.State.Text = "v2";
        await Storage.WriteStateAsync("state", grainId, winner);

        loser.State.Text = "lost";
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", grainId, loser));

        Assert.Equal(staleETag, loser.ETag);
        var read = await ReadAsync(grainId);
        Assert.Equal("v2", read.State.Text);
        Assert.Equal(winner.ETag, read.ETag);
    }

    [Fact]
    public async Task A_clear_with_a_stale_etag_conflicts_and_changes_nothing()
    {
        var grainId = NewGrainId();
        var stale = await InsertAsync(grainId, "v1");
        var fresh = await ReadAsync(grainId);
        fresh.State.Text = "v2";
        await Storage.WriteStateAsync("state", grainId, fresh);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.ClearStateAsync("state", grainId, stale));

        Assert.Equal("v2", (await ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task Cleared_state_reads_as_new_and_a_write_can_follow()
    {
        var grainId = NewGrainId();
        var grainState = await InsertAsync(grainId, "v1");
        var writtenState = grainState.State;

        await Storage.ClearStateAsync("state", grainId, grainState);
        var read = await ReadAsync(grainId);

        Assert.NotSame(writtenState, grainState.State);
        Assert.Null(grainState.State.Text);
        Assert.False(grainState.RecordExists);
        Assert.Null(read.State.Text);
        Assert.False(read.RecordExists);
        grainState.State.Text = "after clear";
        await Storage.WriteStateAsync("state", grainId, grainState);
        Assert.Equal("after clear", (await ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task State_names_and_grains_are_independent()
    {
        var grainId = NewGrainId();
        var profile = await InsertAsync(grainId, "profile", "profile");
        await InsertAsync(grainId, "sessions", "sessions");
        var other = GrainId.Create("other", grainId.Key.ToString()!);
        await InsertAsync(other, "other grain", "profile");

        await Storage.ClearStateAsync("profile", grainId, profile);

        Assert.Null((await ReadAsync(grainId, "profile")).State.Text);
        Assert.Equal("sessions", (await ReadAsync(grainId, "sessions")).State.Text);
        Assert.Equal("other grain", (await ReadAsync(other, "profile")).State.Text);
    }

    [Fact]
    public async Task Parallel_writers_of_one_grain_have_exactly_one_winner()
    {
        var grainId = NewGrainId();
        await InsertAsync(grainId, "v0");
        var writers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ReadAsync(grainId)));

        var outcomes = await Task.WhenAll(writers.Select(async (writer, index) =>
        {
            writer.State.Text = "writer " + index;
            try
            {
                await Storage.WriteStateAsync("state", grainId, writer);
                return writer.State.Text;
            }
            catch (InconsistentStateException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(outcomes, outcome => outcome is not null);
        Assert.Equal(winner, (await ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task Large_state_round_trips_and_a_smaller_one_replaces_it()
    {
        var grainId = NewGrainId();
        var payload = new byte[LargePayloadBytes];
        Random.Shared.NextBytes(payload);
        var grainState = new TestGrainState { State = new TestState { Text = "large", Payload = payload } };

        await Storage.WriteStateAsync("state", grainId, grainState);
        var large = await ReadAsync(grainId);
        grainState.State = new TestState { Text = "small" };
        await Storage.WriteStateAsync("state", grainId, grainState);
        var small = await ReadAsync(grainId);

        Assert.Equal(payload, large.State.Payload);
        Assert.Equal("small", small.State.Text);
        Assert.Null(small.State.Payload);
    }

    protected static GrainId NewGrainId() => GrainId.Create("test", Guid.NewGuid().ToString("N"));

    protected async Task<TestGrainState> ReadAsync(GrainId grainId, string stateName = "state")
    {
        var grainState = new TestGrainState();
        await Storage.ReadStateAsync(stateName, grainId, grainState);
        return grainState;
    }

    /// <summary>Writes <paramref name="text"/> with a new grain-state object that holds no ETag (an insert).</summary>
    protected async Task<TestGrainState> InsertAsync(GrainId grainId, string text, string stateName = "state")
    {
        var grainState = new TestGrainState { State = new TestState { Text = text } };
        await Storage.WriteStateAsync(stateName, grainId, grainState);
        return grainState;
    }
}
