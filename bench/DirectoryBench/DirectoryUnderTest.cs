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
/// one created a second after the other, one in ten pending, one in twenty anonymous, none to two live sessions each
/// (ending on one of the next 720 whole hours). SQLite is seeded through its own writes (batches of 10 000 users in one
/// transaction); Azure Table in bulk (<see cref="AzureTableSeeding"/>).
/// </summary>
public sealed class DirectoryUnderTest(IUserDirectory directory, Func<IReadOnlyList<DirectoryEntry>, Task> add, Func<Task> settle, IDisposable? owned)
    : IAsyncDisposable
{
    private const int Batch = 10_000;
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ThisHour = new(DateTime.UtcNow.Ticks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, TimeSpan.Zero);

    private int _count;

    public IUserDirectory Directory => directory;

    public static DirectoryUnderTest Open(string store, string where)
    {
        if (store == "sqlite")
        {
            var connection = new SqliteConnection($"Data Source={where}");
            connection.Open();
            var sqlite = new SqliteUserDirectory(connection);
            return new DirectoryUnderTest(sqlite, entries => sqlite.Apply(entries), () => Task.CompletedTask, sqlite);
        }

        var table = new TableServiceClient(where).GetTableClient("bench" + Guid.NewGuid().ToString("N")[..10]);
        var seeding = new AzureTableSeeding(table);
        return new DirectoryUnderTest(new AzureTableUserDirectory(table), seeding.Add, seeding.WriteCounters, null);
    }

    public static string EmailOf(int i) => $"user-{i:D7}@example.com";

    public static DirectoryEntry EntryOf(int i) => new(
        $"{i:x24}", 1, i % 20 == 0 ? null : EmailOf(i), i % 10 == 1 ? UserStatus.Pending : UserStatus.Confirmed,
        UserTypes.Normal, [i % 20 == 0 ? ProviderTypes.Anonymous : ProviderTypes.LocalUserPass],
        Start.AddSeconds(i), null, Enumerable.Range(0, i % 3).Select(k => ThisHour.AddHours(1 + ((i + k) % 720))).ToList(),
        Deleted: false);

    /// <summary>Seeds users up to <paramref name="size"/>; answers how long it took, and how many users there are.</summary>
    public async Task<(TimeSpan Took, int Users)> SeedTo(int size, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        while (_count < size && clock.Elapsed < budget)
        {
            var next = Math.Min(Batch, size - _count);
            await add(Enumerable.Range(_count, next).Select(EntryOf).ToList());
            _count += next;
        }

        await settle();
        return (clock.Elapsed, _count);
    }

    public ValueTask DisposeAsync()
    {
        owned?.Dispose();
        return ValueTask.CompletedTask;
    }
}
