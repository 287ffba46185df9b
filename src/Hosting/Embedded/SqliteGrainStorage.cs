using Microsoft.Data.Sqlite;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace OrleansSessions.Hosting.Embedded;

/// <summary>
/// The embedded mode's grain storage: every grain's state as the bytes of the silo's grain storage serializer, one
/// row per state in the <see cref="EmbeddedDatabase"/>, with a new random ETag per write. A write or clear names
/// the ETag it read, and changes nothing when the row holds another (<see cref="InconsistentStateException"/>); it
/// returns once its commit is on disk. One silo only: the database belongs to one process.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly EmbeddedDatabase _database;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activators;

    public SqliteGrainStorage(EmbeddedDatabase database, IGrainStorageSerializer serializer, IActivatorProvider activators)
    {
        (_database, _serializer, _activators) = (database, serializer, activators);
        Execute(
            """
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name TEXT NOT NULL,
                grain_id TEXT NOT NULL,
                etag TEXT NOT NULL,
                data BLOB NOT NULL,
                PRIMARY KEY (state_name, grain_id)
            ) WITHOUT ROWID;
            """);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.Run(() =>
    {
        using var connection = _database.OpenConnection();
        using var command = Command(
            connection, "SELECT etag, data FROM grain_state WHERE state_name = $state AND grain_id = $grain;", stateName, grainId);
        using var row = command.ExecuteReader();
        if (!row.Read())
        {
            Reset(grainState);
            return;
        }

        grainState.State = _serializer.Deserialize<T>(new BinaryData((byte[])row["data"])) ?? Create<T>();
        grainState.ETag = row.GetString(0);
        grainState.RecordExists = true;
    });

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.Run(() =>
    {
        var eTag = Guid.NewGuid().ToString("N");
        var written = Execute(
            grainState.ETag is null
                ? "INSERT INTO grain_state VALUES ($state, $grain, $etag, $data) ON CONFLICT DO NOTHING;"
                : "UPDATE grain_state SET etag = $etag, data = $data WHERE state_name = $state AND grain_id = $grain AND etag = $read;",
            stateName, grainId, grainState.ETag, ("$etag", eTag), ("$data", _serializer.Serialize(grainState.State).ToArray()));
        if (written == 0)
        {
            throw Conflict(stateName, grainId, grainState.ETag);
        }

        grainState.ETag = eTag;
        grainState.RecordExists = true;
    });

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.Run(() =>
    {
        var cleared = grainState.ETag is null
            ? StoredETag(stateName, grainId) is null
            : Execute(
                "DELETE FROM grain_state WHERE state_name = $state AND grain_id = $grain AND etag = $read;",
                stateName, grainId, grainState.ETag) == 1;
        if (!cleared)
        {
            throw Conflict(stateName, grainId, grainState.ETag);
        }

        Reset(grainState);
    });

    private void Reset<T>(IGrainState<T> grainState)
    {
        grainState.State = Create<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private T Create<T>() => _activators.GetActivator<T>().Create();

    private string? StoredETag(string stateName, GrainId grainId)
    {
        using var connection = _database.OpenConnection();
        using var command = Command(
            connection, "SELECT etag FROM grain_state WHERE state_name = $state AND grain_id = $grain;", stateName, grainId);
        return command.ExecuteScalar() as string;
    }

    private InconsistentStateException Conflict(string stateName, GrainId grainId, string? expected) => new(
        $"The {stateName} state of {grainId} changed since it was read (ETag {expected ?? "none"}).",
        StoredETag(stateName, grainId) ?? "none",
        expected ?? "none");

    private int Execute(string sql, string? stateName = null, GrainId? grainId = null, string? readETag = null, params (string Name, object Value)[] values)
    {
        using var connection = _database.OpenConnection();
        using var command = Command(connection, sql, stateName, grainId, readETag, values);
        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(
        SqliteConnection connection, string sql, string? stateName, GrainId? grainId, string? readETag = null, params (string Name, object Value)[] values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$state", (object?)stateName ?? DBNull.Value);
        command.Parameters.AddWithValue("$grain", (object?)grainId?.ToString() ?? DBNull.Value);
        command.Parameters.AddWithValue("$read", (object?)readETag ?? DBNull.Value);
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
