namespace OrleansSessions.Abstractions.UserDirectory;

/// <summary>
/// The directory's counters: users by status and kind, the sessions live at the moment of the read, and the devices
/// registered.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.DirectoryCounts")]
public sealed record DirectoryCounts(
    long All, long Confirmed, long Pending, long Disabled, long Anonymous, long Server, long LiveSessions, long Devices);
