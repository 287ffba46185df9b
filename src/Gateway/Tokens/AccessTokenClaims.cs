namespace OrleansSessions.Gateway.Tokens;

/// <summary>What a valid access token says: whose, which session, which device, until when.</summary>
public sealed record AccessTokenClaims(string UserId, string SessionId, string DeviceId, DateTimeOffset ExpiresAt);
