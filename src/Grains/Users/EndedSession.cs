using OrleansSessions.Abstractions;

namespace OrleansSessions.Grains.Users;

/// <summary>
/// A session that ended recently, with the hash of every refresh token it handed out: any of them still logs out
/// quietly (API.md, DELETE /v1/auth/session), as a client may hold one from before a rotation.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.EndedSession")]
public sealed record EndedSession(string SessionId, IReadOnlyList<TokenHash> RefreshTokenHashes, DateTimeOffset ExpiresAt);
