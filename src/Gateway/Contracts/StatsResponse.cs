using OrleansSessions.Abstractions.UserDirectory;

namespace OrleansSessions.Gateway.Contracts;

/// <summary>ADMIN.md's counts: users by status and kind, the sessions live now, and the devices registered.</summary>
public sealed record StatsResponse(
    UserCountsResponse Users, long AnonymousUsers, long ServerUsers, long LiveSessions, long Devices)
{
    public static StatsResponse From(DirectoryCounts counts) => new(
        new UserCountsResponse(counts.Confirmed, counts.Pending, counts.Disabled),
        counts.Anonymous, counts.Server, counts.LiveSessions, counts.Devices);
}

/// <summary>The users of each status (every user has one, so their sum is all the users).</summary>
public sealed record UserCountsResponse(long Confirmed, long Pending, long Disabled);
