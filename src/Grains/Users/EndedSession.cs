using OrleansSessions.Abstractions;

namespace OrleansSessions.Grains.Users;

/// <summary>A session that ended recently: its refresh token still logs out quietly (API.md, DELETE /v1/auth/session).</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.EndedSession")]
public sealed record EndedSession(string SessionId, TokenHash RefreshTokenHash, DateTimeOffset ExpiresAt);
