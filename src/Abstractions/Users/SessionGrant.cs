namespace OrleansSessions.Abstractions.Users;

/// <summary>A live session, as a login or a refresh hands it out.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.SessionGrant")]
public sealed record SessionGrant(string UserId, string SessionId, string DeviceId, DateTimeOffset RefreshExpiresAt);
