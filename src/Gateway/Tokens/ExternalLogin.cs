using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Gateway.Tokens;

/// <summary>Who a valid custom token names, and the claims to copy into its user's custom data (a JSON object).</summary>
public sealed record ExternalLogin(UserIdentity Identity, string CopiedClaims);
