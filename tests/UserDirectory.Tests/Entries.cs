using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.UserDirectory.Tests;

/// <summary>Directory entries for the tests: each a new user, created a second after the one before.</summary>
internal static class Entries
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static int s_next;

    public static DirectoryEntry New(
        string? email = null, UserStatus status = UserStatus.Confirmed, string provider = ProviderTypes.LocalUserPass) =>
        new(Ids.New(), 1, email, status, UserTypes.Normal, [provider],
            Start.AddSeconds(Interlocked.Increment(ref s_next)), null, [], Deleted: false);

    public static DirectoryEntry Next(this DirectoryEntry entry) => entry with { Version = entry.Version + 1 };
}
