using Microsoft.Data.Sqlite;
using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Grains.UserDirectory;

namespace OrleansSessions.Hosting.UserDirectory;

/// <summary>
/// Writes entries within one transaction with prepared statements: an entry older than the stored one is skipped;
/// a newer one replaces the stored entry, its rows (the old ones it no longer has go) and the counters it moves. A
/// device is counted the first time its id is added.
/// </summary>
internal sealed class SqliteDirectoryWriter : IDisposable
{
    private readonly SqliteCommand _find;
    private readonly SqliteCommand _store;
    private readonly SqliteCommand _addRow;
    private readonly SqliteCommand _removeRow;
    private readonly SqliteCommand _count;
    private readonly SqliteCommand _dropZero;
    private readonly SqliteCommand _addDevice;

    public SqliteDirectoryWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        _find = Prepare(connection, transaction, "SELECT entry FROM directory_users WHERE user_id = $a", "$a");
        _store = Prepare(connection, transaction,
            "INSERT OR REPLACE INTO directory_users (user_id, version, entry) VALUES ($a, $b, $c)", "$a", "$b", "$c");
        _addRow = Prepare(connection, transaction,
            "INSERT OR REPLACE INTO directory_rows (partition, sort_key, user_id) VALUES ($a, $b, $c)", "$a", "$b", "$c");
        _removeRow = Prepare(connection, transaction,
            "DELETE FROM directory_rows WHERE partition = $a AND sort_key = $b", "$a", "$b");
        _count = Prepare(connection, transaction,
            "INSERT INTO directory_counters (name, count) VALUES ($a, $b) ON CONFLICT (name) DO UPDATE SET count = count + $b",
            "$a", "$b");
        _dropZero = Prepare(connection, transaction, "DELETE FROM directory_counters WHERE name = $a AND count = 0", "$a");
        _addDevice = Prepare(connection, transaction, "INSERT OR IGNORE INTO directory_devices (device_id) VALUES ($a)", "$a");
    }

    public void Apply(DirectoryEntry entry)
    {
        var stored = Run(_find, entry.UserId) is string json ? DirectoryEntryJson.Read(json) : null;
        if (stored is not null && stored.Version >= entry.Version)
        {
            return;
        }

        var (before, after) = (DirectoryLayout.Rows(stored), DirectoryLayout.Rows(entry));
        foreach (var row in before.Except(after))
        {
            Run(_removeRow, row.Partition, row.SortKey);
        }

        foreach (var row in after.Except(before))
        {
            Run(_addRow, row.Partition, row.SortKey, entry.UserId);
        }

        foreach (var (name, change) in DirectoryLayout.CountChanges(stored, entry))
        {
            Count(name, change);
        }

        Run(_store, entry.UserId, entry.Version, DirectoryEntryJson.Write(entry));
    }

    /// <summary>Counts a device the first time it is added.</summary>
    public void AddDevice(string deviceId)
    {
        if (Run(_addDevice, deviceId) is 1)
        {
            Count(DirectoryLayout.DevicesCounter, 1);
        }
    }

    /// <summary>Moves a counter; one that comes to zero goes (the counters of sessions' past ends would pile up).</summary>
    private void Count(string name, long change)
    {
        Run(_count, name, change);
        Run(_dropZero, name);
    }

    public void Dispose()
    {
        foreach (var command in new[] { _find, _store, _addRow, _removeRow, _count, _dropZero, _addDevice })
        {
            command.Dispose();
        }
    }

    private static SqliteCommand Prepare(
        SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static object? Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        return command.CommandText.StartsWith("SELECT", StringComparison.Ordinal) ? command.ExecuteScalar() : command.ExecuteNonQuery();
    }
}
