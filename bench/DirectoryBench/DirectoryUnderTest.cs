using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.Data.Sqlite;
using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Grains.UserDirectory;
using OrleansSessions.Hosting.UserDirectory;

namespace OrleansSessions.DirectoryBench;

/// <summary>
/// A directory store seeded straight (not through registration) with users <c>user-0000000@example.com</c> onwards,
/// one created a second after the other, one in ten pending, one in twenty anonymous.
/// </summary>
public sealed class DirectoryUnderTest(IUserDirectory directory, IDisposable? owned) : IAsyncDisposable
{
    private const int Batch = 10_000;
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private int _count;

    public IUserDirectory Directory => directory;

    public static DirectoryUnderTest Open(string store, string where)
    {
        if (store == "sqlite")
        {
            var connection = new SqliteConnection($"Data Source={where}");
            connection.Open();
            var sqlite = new SqliteUserDirectory(connection);
            return new DirectoryUnderTest(sqlite, sqlite);
        }

        var table = new TableServiceClient(where).GetTableClient("bench" + Guid.NewGuid().ToString("N")[..10]);
        return new DirectoryUnderTest(new AzureTableUserDirectory(table), null);
    }

    public static string EmailOf(int i) => $"user-{i:D7}@example.com";

    public static DirectoryEntry EntryOf(int i) => new(
        $"{i:x24}", 1, i % 20 == 0 ? null : EmailOf(i), i % 10 == 1 ? UserStatus.Pending : UserStatus.Confirmed,
        UserTypes.Normal, [i % 20 == 0 ? ProviderTypes.Anonymous : ProviderTypes.LocalUserPass],
        Start.AddSeconds(i), null, i % 3, Deleted: false);

    public async Task<TimeSpan> SeedTo(int size)
    {
        var clock = Stopwatch.StartNew();
        while (_count < size)
        {
            var next = Math.Min(Batch, size - _count);
            await directory.Apply(Enumerable.Range(_count, next).Select(EntryOf).ToList());
            _count += next;
        }

        return clock.Elapsed;
    }

    public ValueTask DisposeAsync()
    {
        owned?.Dispose();
        return ValueTask.CompletedTask;
    }
}
