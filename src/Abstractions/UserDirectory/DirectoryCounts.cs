namespace OrleansSessions.Abstractions.UserDirectory;

/// <summary>The directory's counters: users by status and kind, and the live sessions they hold.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.DirectoryCounts")]
public sealed record DirectoryCounts(
    long All, long Confirmed, long Pending, long Disabled, long Anonymous, long Server, long LiveSessions);
