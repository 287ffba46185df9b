namespace OrleansSessions.Abstractions.UserDirectory;

/// <summary>A page of users and, unless it is the last, the position it ends at (for the next page's query).</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.UserListPage")]
public sealed record UserListPage(IReadOnlyList<DirectoryEntry> Users, string? EndsAt);
