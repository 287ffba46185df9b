using OrleansSessions.Abstractions.UserDirectory;

namespace OrleansSessions.UserDirectory.Tests;

/// <summary>Entries compared by value, their provider lists too.</summary>
internal sealed class EntryComparer : IEqualityComparer<DirectoryEntry?>
{
    public static readonly EntryComparer Instance = new();

    public bool Equals(DirectoryEntry? x, DirectoryEntry? y) =>
        x is null ? y is null : y is not null && x.Version == y.Version && x.SameAs(y);

    public int GetHashCode(DirectoryEntry? entry) => entry?.UserId.GetHashCode() ?? 0;
}
