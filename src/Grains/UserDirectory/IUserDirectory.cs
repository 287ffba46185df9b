using OrleansSessions.Abstractions.UserDirectory;

namespace OrleansSessions.Grains.UserDirectory;

/// <summary>
/// A store of the user directory: each user's entry, its rows in the orders of <see cref="DirectoryLayout"/>, and
/// counters kept with them (users per facet, live sessions per end, devices). Writes are idempotent.
/// </summary>
public interface IUserDirectory
{
    /// <summary>Stores each entry unless the store holds the same or a later version of it, with its rows and counters.</summary>
    Task Apply(IReadOnlyCollection<DirectoryEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Counts a registered device, unless it was counted already.</summary>
    Task AddDevice(string deviceId, CancellationToken cancellationToken = default);

    /// <summary>The entry of a user, also a deleted one's; none if the directory never heard of it.</summary>
    Task<DirectoryEntry?> Find(string userId, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="take"/> rows of a partition with keys strictly between the two, in key order.</summary>
    Task<IReadOnlyList<ListedUser>> Range(
        string partition, string after, string before, int take, CancellationToken cancellationToken = default);

    /// <summary>The counters in the ranges given, summed over the store's shards; zeros left out.</summary>
    Task<IReadOnlyDictionary<string, long>> Counters(
        IReadOnlyCollection<CounterRange> ranges, CancellationToken cancellationToken = default);

    /// <summary>Forgets every user, its rows and counters (before a rebuild); the devices stay counted.</summary>
    Task Clear(CancellationToken cancellationToken = default);
}
