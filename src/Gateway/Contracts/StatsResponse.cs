using OrleansSessions.Abstractions.UserDirectory;

namespace OrleansSessions.Gateway.Contracts;

/// <summary>ADMIN.md's counts of users by status and kind, and of their live sessions.</summary>
public sealed record StatsResponse(UserCountsResponse Users, long AllUsers, long AnonymousUsers, long ServerUsers, long LiveSessions)
{
    public static StatsResponse From(DirectoryCounts counts) => new(
        new UserCountsResponse(counts.Confirmed, counts.Pending, counts.Disabled),
        counts.All, counts.Anonymous, counts.Server, counts.LiveSessions);
}

/// <summary>The users of each status.</summary>
public sealed record UserCountsResponse(long Confirmed, long Pending, long Disabled);
