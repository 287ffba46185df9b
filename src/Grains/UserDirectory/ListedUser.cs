using OrleansSessions.Abstractions.UserDirectory;

namespace OrleansSessions.Grains.UserDirectory;

/// <summary>A row of the directory: where it sorts in its partition, and the entry it lists.</summary>
public sealed record ListedUser(string SortKey, DirectoryEntry Entry);
