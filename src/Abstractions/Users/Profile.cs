namespace OrleansSessions.Abstractions.Users;

/// <summary>A user as it reads itself (API.md's <c>Profile</c>); custom data as a JSON object's text.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.Profile")]
public sealed record Profile(
    string UserId,
    UserStatus Status,
    string? Email,
    IReadOnlyList<UserIdentity> Identities,
    string CustomData,
    DateTimeOffset CreatedAt,
    UserType Type);
