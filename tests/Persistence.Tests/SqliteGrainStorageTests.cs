using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansSessions.Hosting;
using OrleansSessions.Hosting.Embedded;
using Xunit;

namespace OrleansSessions.Persistence.Tests;

/// <summary>The embedded mode's default storage: one SQLite file in a data directory of this test's own.</summary>
public sealed class SqliteGrainStorageTests : GrainStorageContract
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sqlite-grain-storage-").FullName;
    private ServiceProvider? _services;
    private EmbeddedDatabase? _database;

    protected override int LargePayloadBytes => 4 * 1024 * 1024;

    protected override Task<IGrainStorage> StartAsync()
    {
        _services ??= SiloServices.Build();
        _database = EmbeddedDatabase.Open(_directory);
        return Task.FromResult<IGrainStorage>(ActivatorUtilities.CreateInstance<SqliteGrainStorage>(_services, _database));
    }

    public override async Task DisposeAsync()
    {
        _database?.Dispose();
        await _services!.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task State_and_its_etag_outlive_the_database_being_closed_and_opened_again()
    {
        var grainId = NewGrainId();
        var written = await InsertAsync(grainId, "kept");

        _database!.Dispose();
        await InitializeAsync();
        var read = await ReadAsync(grainId);

        Assert.Equal("kept", read.State.Text);
        Assert.Equal(written.ETag, read.ETag);
        read.State.Text = "written again";
        await Storage.WriteStateAsync("state", grainId, read);
        Assert.Equal("written again", (await ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public void A_second_opening_of_the_data_directory_is_refused_by_its_setting()
    {
        var refused = Assert.Throws<StartupException>(() => EmbeddedDatabase.Open(_directory));

        Assert.Equal("Embedded:DataDirectory", refused.Setting);
        Assert.Equal(
            $"Another OrleansSessions process is using the data directory {_directory}: stop it, or give this one a directory of its own.",
            refused.Message);
    }

    [Fact]
    public void Connections_write_ahead_and_sync_every_commit()
    {
        using var connection = _database!.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        var journalMode = command.ExecuteScalar();
        command.CommandText = "PRAGMA synchronous;";
        var synchronous = command.ExecuteScalar();

        Assert.Equal("wal", journalMode);
        Assert.Equal(2L, synchronous); // FULL: the WAL is synced at every commit, so a commit that returned is on disk
        Assert.Equal(Path.Combine(_directory, "orleans-sessions.db"), _database.Path);
    }
}
