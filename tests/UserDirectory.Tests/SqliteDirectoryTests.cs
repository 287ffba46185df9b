using OrleansSessions.Grains.UserDirectory;
using OrleansSessions.Hosting.UserDirectory;

namespace OrleansSessions.UserDirectory.Tests;

/// <summary>The store contract on the embedded default's SQLite directory (in memory).</summary>
public sealed class SqliteDirectoryTests : DirectoryStoreTests, IDisposable
{
    private readonly SqliteUserDirectory _store = SqliteUserDirectory.InMemory();

    protected override IUserDirectory Store => _store;

    public void Dispose() => _store.Dispose();
}
