namespace OrleansSessions.Abstractions.Users;

/// <summary>
/// A user as it reads itself (API.md's <c>Profile</c>); custom data as a JSON object's text. When its email was
/// proven (a token sent to it used) is kept for the grains and the audit trail; API.md's shape leaves it out.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.Profile")]
public sealed record Profile(
    string UserId,
    UserStatus Status,
    string? Email,
    IReadOnlyList<UserIdentity> Identities,
    string CustomData,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EmailProvenAt,
    UserMetadata Metadata);
