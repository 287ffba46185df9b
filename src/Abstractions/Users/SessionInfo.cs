namespace OrleansSessions.Abstractions.Users;

/// <summary>One session of a user, as its owner or an admin lists it.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.SessionInfo")]
public sealed record SessionInfo(
    string SessionId,
    string DeviceId,
    string? DeviceName,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUsedAt);
