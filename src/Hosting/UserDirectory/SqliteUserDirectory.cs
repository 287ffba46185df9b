using Microsoft.Data.Sqlite;
using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Grains.UserDirectory;

namespace OrleansSessions.Hosting.UserDirectory;

/// <summary>
/// The user directory of the embedded default, in SQLite: each user's entry, its rows (one table whose primary key is
/// partition and sort key, so a page is one range of one B-tree), and the counters, all changed in one transaction;
/// and the ids of the devices counted.
/// It holds one open connection (of the <see cref="Embedded.EmbeddedDatabase"/>, or to memory), used by one caller at a time.
/// </summary>
public sealed class SqliteUserDirectory : IUserDirectory, IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS directory_users (
            user_id TEXT PRIMARY KEY, version INTEGER NOT NULL, entry TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS directory_rows (
            partition TEXT NOT NULL, sort_key TEXT NOT NULL, user_id TEXT NOT NULL,
            PRIMARY KEY (partition, sort_key)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS directory_counters (name TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS directory_devices (device_id TEXT PRIMARY KEY) WITHOUT ROWID;
        """;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SqliteUserDirectory(SqliteConnection connection)
    {
        _connection = connection;
        using var schema = Command(Schema);
        schema.ExecuteNonQuery();
    }

    /// <summary>A directory in this process's memory only (the embedded mode's <c>memory</c> storage, and tests).</summary>
    public static SqliteUserDirectory InMemory()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        return new SqliteUserDirectory(connection);
    }

    public async Task Apply(IReadOnlyCollection<DirectoryEntry> entries, CancellationToken cancellationToken = default)
    {
        await Locked(() =>
        {
            using var transaction = _connection.BeginTransaction();
            using var writer = new SqliteDirectoryWriter(_connection, transaction);
            foreach (var entry in entries)
            {
                writer.Apply(entry);
            }

            transaction.Commit();
            return entries.Count;
        }, cancellationToken);
    }

    public Task AddDevice(string deviceId, CancellationToken cancellationToken = default) => Locked(() =>
    {
        using var transaction = _connection.BeginTransaction();
        using var writer = new SqliteDirectoryWriter(_connection, transaction);
        writer.AddDevice(deviceId);
        transaction.Commit();
        return deviceId;
    }, cancellationToken);

    public Task<DirectoryEntry?> Find(string userId, CancellationToken cancellationToken = default) => Locked(() =>
    {
        using var find = Command("SELECT entry FROM directory_users WHERE user_id = $id", ("$id", userId));
        return find.ExecuteScalar() is string json ? DirectoryEntryJson.Read(json) : null;
    }, cancellationToken);

    public Task<IReadOnlyList<ListedUser>> Range(
        string partition, string after, string before, int take, CancellationToken cancellationToken = default) => Locked(() =>
    {
        using var range = Command(
            """
            SELECT r.sort_key, u.entry FROM directory_rows r JOIN directory_users u ON u.user_id = r.user_id
            WHERE r.partition = $partition AND r.sort_key > $after AND r.sort_key < $before
            ORDER BY r.sort_key LIMIT $take
            """,
            ("$partition", partition), ("$after", after), ("$before", before), ("$take", take));
        using var reader = range.ExecuteReader();
        var rows = new List<ListedUser>(take);
        while (reader.Read())
        {
            rows.Add(new ListedUser(reader.GetString(0), DirectoryEntryJson.Read(reader.GetString(1))));
        }

        return (IReadOnlyList<ListedUser>)rows;
    }, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> Counters(
        IReadOnlyCollection<CounterRange> ranges, CancellationToken cancellationToken = default) => Locked(() =>
    {
        var counts = new Dictionary<string, long>();
        foreach (var range in ranges)
        {
            using var counters = Command(
                "SELECT name, count FROM directory_counters WHERE name > $after AND name < $before AND count <> 0",
                ("$after", range.After), ("$before", range.Before));
            using var reader = counters.ExecuteReader();
            while (reader.Read())
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return (IReadOnlyDictionary<string, long>)counts;
    }, cancellationToken);

    public Task Clear(CancellationToken cancellationToken = default) => Locked(() =>
    {
        using var clear = Command(
            "DELETE FROM directory_rows; DELETE FROM directory_users; DELETE FROM directory_counters WHERE name <> $devices;",
            ("$devices", DirectoryLayout.DevicesCounter));
        return clear.ExecuteNonQuery();
    }, cancellationToken);

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private async Task<T> Locked<T>(Func<T> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(read, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
