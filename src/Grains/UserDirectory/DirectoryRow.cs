namespace OrleansSessions.Grains.UserDirectory;

/// <summary>Where one user is listed: a partition (an order of one facet) and the key it sorts by there.</summary>
public sealed record DirectoryRow(string Partition, string SortKey);
