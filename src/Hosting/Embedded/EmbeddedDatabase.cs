using Microsoft.Data.Sqlite;

namespace OrleansSessions.Hosting.Embedded;

/// <summary>
/// The embedded mode's local database: one SQLite file in the data directory, which this process holds alone (a
/// lock on a file beside it, released when the process ends however it ends). Every connection it opens writes
/// ahead (WAL) and syncs each commit to disk before the commit returns, so a write that was acknowledged survives
/// a crash. Grain state keeps its table here; other parts of the process may keep theirs in the same file.
/// </summary>
public sealed class EmbeddedDatabase : IDisposable
{
    public const string FileName = "orleans-sessions.db";
    private const string LockFileName = "orleans-sessions.lock";
    private const string Setting = "Embedded:DataDirectory";

    private readonly FileStream _lock;
    private readonly string _connectionString;

    private EmbeddedDatabase(string path, FileStream directoryLock)
    {
        Path = path;
        _lock = directoryLock;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    /// <summary>The full path of the database file (its write-ahead log is beside it, with <c>-wal</c> appended).</summary>
    public string Path { get; }

    /// <summary>
    /// Opens (creating if need be) the database in <paramref name="dataDirectory"/>, taking the directory for this
    /// process; a directory another process holds, or one that cannot be made, stops the start with its setting.
    /// </summary>
    public static EmbeddedDatabase Open(string dataDirectory)
    {
        var directory = System.IO.Path.GetFullPath(dataDirectory);
        FileStream directoryLock;
        try
        {
            Directory.CreateDirectory(directory);
            directoryLock = new FileStream(
                System.IO.Path.Combine(directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(System.IO.Path.Combine(directory, LockFileName)))
        {
            throw new StartupException(
                Setting, $"Another OrleansSessions process is using the data directory {directory}: stop it, or give this one a directory of its own.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StartupException(Setting, $"The data directory {directory} cannot be used: {exception.Message}", exception);
        }

        var database = new EmbeddedDatabase(System.IO.Path.Combine(directory, FileName), directoryLock);
        try
        {
            using var connection = database.OpenConnection();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            command.ExecuteNonQuery();
            return database;
        }
        catch (SqliteException exception)
        {
            database.Dispose();
            throw new StartupException(Setting, $"The database {database.Path} cannot be opened: {exception.Message}", exception);
        }
    }

    /// <summary>An open connection whose commits are on disk when they return; dispose it after use (it is pooled).</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = FULL;";
        command.ExecuteNonQuery();
        return connection;
    }

    public void Dispose()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _lock.Dispose();
    }
}
