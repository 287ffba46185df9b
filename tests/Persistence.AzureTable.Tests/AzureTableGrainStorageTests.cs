using Azure.Data.Tables;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Xunit;
using OrleansSessions.TestSupport;

namespace OrleansSessions.Persistence.AzureTable.Tests;

/// <summary>The provider's contract, called directly against Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableGrainStorageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Read_of_missing_state_gives_a_new_state_and_no_etag()
    {
        await using var storage = await StorageUnderTest.StartAsync(azurite.CreateClient());

        var read = await storage.ReadAsync(StorageUnderTest.NewGrainId());

        Assert.NotNull(read.State);
        Assert.Null(read.State.Text);
        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task Written_state_reads_back_with_its_etag()
    {
        await using var storage = await StorageUnderTest.StartAsync(azurite.CreateClient());
        var grainId = StorageUnderTest.NewGrainId();

        var written = await storage.InsertAsync(grainId, "hello");
        var read = await storage.ReadAsync(grainId);

        Assert.True(written.RecordExists);
        Assert.NotNull(written.ETag);
        Assert.Equal("hello", read.State.Text);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task A_second_insert_without_etag_conflicts_and_keeps_the_first()
    {
        await using var storage = await StorageUnderTest.StartAsync(azurite.CreateClient());
        var grainId = StorageUnderTest.NewGrainId();
        var first = await storage.InsertAsync(grainId, "first");

        var conflict = await Assert.ThrowsAsync<TableStorageUpdateConditionNotSatisfiedException>(
            () => storage.InsertAsync(grainId, "second"));

        Assert.IsAssignableFrom<InconsistentStateException>(conflict);
        Assert.Null(conflict.CurrentEtag);
        Assert.Equal(first.ETag, conflict.StoredEtag);
        Assert.Equal("state", conflict.StateName);
        Assert.Equal(grainId.ToString(), conflict.GrainId);
        Assert.Equal("first", (await storage.ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_conflicts()
    {
        await using var storage = await StorageUnderTest.StartAsync(azurite.CreateClient());
        var grainId = StorageUnderTest.NewGrainId();
        await storage.InsertAsync(grainId, "v1");
        var winner = await storage.ReadAsync(grainId);
        var loser = await storage.ReadAsync(grainId);
        var staleETag = loser.ETag;
        winner.State.Text = "v2";
        await storage.Storage.WriteStateAsync("state", grainId, winner);

        loser.State.Text = "lost";
        var conflict = await Assert.ThrowsAsync<TableStorageUpdateConditionNotSatisfiedException>(
            () => storage.Storage.WriteStateAsync("state", grainId, loser));

        Assert.Equal(staleETag, conflict.CurrentEtag);
        Assert.Equal(winner.ETag, conflict.StoredEtag);
        Assert.Equal(staleETag, loser.ETag);
        Assert.Equal("v2", (await storage.ReadAsync(grainId)).State.Text);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_clear_with_a_stale_etag_conflicts(bool deleteStateOnClear)
    {
        await using var storage = await StorageUnderTest.StartAsync(azurite.CreateClient(), options => options.DeleteStateOnClear = deleteStateOnClear);
        var grainId = StorageUnderTest.NewGrainId();
        var stale = await storage.InsertAsync(grainId, "v1");
        var fresh = await storage.ReadAsync(grainId);
        fresh.State.Text = "v2";
        await storage.Storage.WriteStateAsync("state", grainId, fresh);

        var conflict = await Assert.ThrowsAsync<TableStorageUpdateConditionNotSatisfiedException>(
            () => storage.Storage.ClearStateAsync("state", grainId, stale));

        Assert.Equal(fresh.ETag, conflict.StoredEtag);
        Assert.Equal("v2", (await storage.ReadAsync(grainId)).State.Text);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_clear_of_a_state_deleted_by_someone_else_conflicts(bool deleteStateOnClear)
    {
        await using var storage = await StorageUnderTest.StartAsync(azurite.CreateClient(), options => options.DeleteStateOnClear = deleteStateOnClear);
        var grainId = StorageUnderTest.NewGrainId();
        var written = await storage.InsertAsync(grainId, "v1");
        await storage.Table.DeleteEntityAsync($"{StorageUnderTest.ServiceId}_test_{grainId.Key}", "state");

        var conflict = await Assert.ThrowsAsync<TableStorageUpdateConditionNotSatisfiedException>(
            () => storage.Storage.ClearStateAsync("state", grainId, written));

        Assert.Null(conflict.StoredEtag);
        Assert.Equal(written.ETag, conflict.CurrentEtag);
    }

    [Fact]
    public async Task Deleting_clear_without_etag_conflicts_when_a_state_is_stored()
    {
        await using var storage = await StorageUnderTest.StartAsync(azurite.CreateClient(), options => options.DeleteStateOnClear = true);
        var grainId = StorageUnderTest.NewGrainId();
        var stored = await storage.InsertAsync(grainId, "v1");

        var conflict = await Assert.ThrowsAsync<TableStorageUpdateConditionNotSatisfiedException>(
            () => storage.Storage.ClearStateAsync("state", grainId, new TestGrainState()));

        Assert.Equal(stored.ETag, conflict.StoredEtag);
        Assert.Null(conflict.CurrentEtag);
        Assert.Equal("v1", (await storage.ReadAsync(grainId)).State.Text);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Clear_before_any_write_works_and_a_write_can_follow(bool deleteStateOnClear)
    {
        await using var storage = await StorageUnderTest.StartAsync(azurite.CreateClient(), options => options.DeleteStateOnClear = deleteStateOnClear);
        var grainId = StorageUnderTest.NewGrainId();
        var grainState = await storage.ReadAsync(grainId);

        await storage.Storage.ClearStateAsync("state", grainId, grainState);

        Assert.NotNull(grainState.State);
        Assert.False(grainState.RecordExists);
        Assert.Equal(deleteStateOnClear, grainState.ETag is null);
        grainState.State.Text = "after clear";
        await storage.Storage.WriteStateAsync("state", grainId, grainState);
        Assert.Equal("after clear", (await storage.ReadAsync(grainId)).State.Text);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cleared_state_is_a_new_state_after_clear_and_after_read(bool deleteStateOnClear)
    {
        await using var storage = await StorageUnderTest.StartAsync(azurite.CreateClient(), options => options.DeleteStateOnClear = deleteStateOnClear);
        var grainId = StorageUnderTest.NewGrainId();
        var grainState = await storage.InsertAsync(grainId, "v1");
        var writtenState = grainState.State;

        await storage.Storage.ClearStateAsync("state", grainId, grainState);
        var read = await storage.ReadAsync(grainId);

        Assert.NotNull(grainState.State);
        Assert.NotSame(writtenState, grainState.State);
        Assert.Null(grainState.State.Text);
        Assert.False(grainState.RecordExists);
        Assert.NotNull(read.State);
        Assert.Null(read.State.Text);
        Assert.False(read.RecordExists);
        Assert.Equal(grainState.ETag, read.ETag);
        Assert.Equal(deleteStateOnClear, read.ETag is null);
    }

    [Fact]
    public async Task Every_write_changes_the_etag_even_of_identical_values()
    {
        await using var storage = await StorageUnderTest.StartAsync(azurite.CreateClient());
        var grainId = StorageUnderTest.NewGrainId();
        var grainState = new TestGrainState { State = new TestState { Text = "same" } };
        var eTags = new List<string?>();

        for (var write = 0; write < 10; write++)
        {
            await storage.Storage.WriteStateAsync("state", grainId, grainState);
            eTags.Add(grainState.ETag);
        }

        Assert.All(eTags, eTag => Assert.NotNull(eTag));
        Assert.Equal(eTags.Count, eTags.Distinct().Count());
    }

    [Fact]
    public async Task State_names_of_one_grain_are_independent()
    {
        await using var storage = await StorageUnderTest.StartAsync(azurite.CreateClient());
        var grainId = StorageUnderTest.NewGrainId();
        var profile = await storage.InsertAsync(grainId, "profile", "profile");
        await storage.InsertAsync(grainId, "sessions", "sessions");

        await storage.Storage.ClearStateAsync("profile", grainId, profile);

        Assert.Null((await storage.ReadAsync(grainId, "profile")).State.Text);
        Assert.Equal("sessions", (await storage.ReadAsync(grainId, "sessions")).State.Text);
    }

    [Fact]
    public async Task Many_grains_write_and_read_in_parallel()
    {
        await using var storage = await StorageUnderTest.StartAsync(azurite.CreateClient());
        var grainIds = Enumerable.Range(0, 200).Select(_ => StorageUnderTest.NewGrainId()).ToArray();

        var written = await Task.WhenAll(grainIds.Select(async grainId =>
        {
            var grainState = await storage.InsertAsync(grainId, "v1 " + grainId);
            grainState.State.Text = "v2 " + grainId;
            await storage.Storage.WriteStateAsync("state", grainId, grainState);
            return grainState;
        }));
        var read = await Task.WhenAll(grainIds.Select(grainId => storage.ReadAsync(grainId)));

        for (var index = 0; index < grainIds.Length; index++)
        {
            Assert.Equal("v2 " + grainIds[index], read[index].State.Text);
            Assert.Equal(written[index].ETag, read[index].ETag);
        }
    }

    [Fact]
    public async Task Parallel_writers_of_one_grain_have_exactly_one_winner()
    {
        await using var storage = await StorageUnderTest.StartAsync(azurite.CreateClient());
        var grainId = StorageUnderTest.NewGrainId();
        await storage.InsertAsync(grainId, "v0");
        var writers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => storage.ReadAsync(grainId)));

        var outcomes = await Task.WhenAll(writers.Select(async (writer, index) =>
        {
            writer.State.Text = "writer " + index;
            try
            {
                await storage.Storage.WriteStateAsync("state", grainId, writer);
                return writer.State.Text;
            }
            catch (TableStorageUpdateConditionNotSatisfiedException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(outcomes, outcome => outcome is not null);
        Assert.Equal(winner, (await storage.ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task State_over_64_KiB_round_trips_and_a_smaller_one_replaces_it()
    {
        await using var storage = await StorageUnderTest.StartAsync(azurite.CreateClient());
        var grainId = StorageUnderTest.NewGrainId();
        var payload = new byte[300 * 1024];
        Random.Shared.NextBytes(payload);
        var grainState = new TestGrainState { State = new TestState { Text = "large", Payload = payload } };

        await storage.Storage.WriteStateAsync("state", grainId, grainState);
        var large = await storage.ReadAsync(grainId);
        grainState.State = new TestState { Text = "small" };
        await storage.Storage.WriteStateAsync("state", grainId, grainState);
        var small = await storage.ReadAsync(grainId);

        Assert.Equal(payload, large.State.Payload);
        Assert.Equal("small", small.State.Text);
        Assert.Null(small.State.Payload);
    }

    [Fact]
    public async Task State_past_the_entity_limit_fails_before_writing_and_keeps_the_stored_state()
    {
        await using var storage = await StorageUnderTest.StartAsync(azurite.CreateClient());
        var grainId = StorageUnderTest.NewGrainId();
        var grainState = await storage.InsertAsync(grainId, "kept");
        var eTag = grainState.ETag;
        grainState.State = new TestState { Text = "too large", Payload = new byte[2 * 1024 * 1024] };

        var failure = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => storage.Storage.WriteStateAsync("state", grainId, grainState));

        Assert.Contains(grainId.ToString(), failure.Message);
        Assert.Contains("'state'", failure.Message);
        Assert.Contains($" {failure.ActualValue} bytes", failure.Message);
        Assert.Matches(@"more than the 10\d{5} bytes", failure.Message);
        Assert.True((int)failure.ActualValue! > 2 * 1024 * 1024);
        Assert.Equal(eTag, grainState.ETag);
        var read = await storage.ReadAsync(grainId);
        Assert.Equal("kept", read.State.Text);
        Assert.Equal(eTag, read.ETag);
    }

    [Fact]
    public async Task Keys_with_disallowed_and_unicode_characters_round_trip_without_colliding()
    {
        await using var storage = await StorageUnderTest.StartAsync(azurite.CreateClient());
        string[] keys =
        [
            "a/b", "a_b", "a\\b", "a#b", "a?b", "a~b", "a~5Fb", "a~2Fb", "a_5Fb", "a\tb", "a\u0085b", "a'b", "a%2Fb",
            "ü-Ω-日本-🙂", "x/y\\z#?",
        ];
        var grainIds = keys.Select(key => GrainId.Create("test", key)).ToArray();
        string[] stateNames = [.. keys, ""];

        await Task.WhenAll(grainIds.Select(grainId => storage.InsertAsync(grainId, "grain " + grainId.Key)));
        await Task.WhenAll(stateNames.Select(stateName => storage.InsertAsync(grainIds[0], "state " + stateName, stateName)));

        foreach (var grainId in grainIds)
        {
            Assert.Equal("grain " + grainId.Key, (await storage.ReadAsync(grainId)).State.Text);
        }

        foreach (var stateName in stateNames)
        {
            Assert.Equal("state " + stateName, (await storage.ReadAsync(grainIds[0], stateName)).State.Text);
        }

        var stored = await storage.Table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]).ToListAsync();
        Assert.Equal(grainIds.Length + stateNames.Length, stored.Count);
    }

    [Fact]
    public async Task The_configured_serializer_is_used()
    {
        await using var storage = await StorageUnderTest.StartAsync(azurite.CreateClient(), optionsBuilder => optionsBuilder
            .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
        var grainId = StorageUnderTest.NewGrainId();

        await storage.InsertAsync(grainId, "binary");

        Assert.Equal("binary", (await storage.ReadAsync(grainId)).State.Text);
        var entity = await storage.Table.GetEntityAsync<TableEntity>($"{StorageUnderTest.ServiceId}_test_{grainId.Key}", "state");
        Assert.NotEqual((byte)'{', entity.Value.GetBinary("Data")[0]);
    }

    [Fact]
    public async Task A_plain_grain_id_gets_the_keys_and_data_property_of_the_official_provider()
    {
        await using var storage = await StorageUnderTest.StartAsync(azurite.CreateClient());

        await storage.InsertAsync(GrainId.Create("device", "d-42"), "stored", "profile");

        var entity = await storage.Table.GetEntityAsync<TableEntity>(StorageUnderTest.ServiceId + "_device_d-42", "profile");
        Assert.Equal((byte)'{', entity.Value.GetBinary("Data")[0]); // the silo's default storage serializer writes JSON
    }

    [Fact]
    public async Task A_key_over_1_KiB_fails_before_any_request()
    {
        await using var storage = await StorageUnderTest.StartAsync(azurite.CreateClient());
        var grainId = GrainId.Create("test", new string('k', 600));

        var failure = await Assert.ThrowsAsync<ArgumentException>(() => storage.InsertAsync(grainId, "never stored"));

        Assert.Contains("partition key", failure.Message);
    }
}
