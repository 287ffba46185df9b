using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Gateway.Tokens;

/// <summary>
/// Who an external provider says signed in: the identity, the claims to copy into its user's custom data (a JSON
/// object; custom tokens only) and what the provider said of the user (its metadata).
/// </summary>
public sealed record ExternalLogin(UserIdentity Identity, string CopiedClaims, UserMetadata? Metadata = null);
