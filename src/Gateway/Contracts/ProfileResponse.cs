using System.Text.Json;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Gateway.Contracts;

/// <summary>API.md's <c>Profile</c>.</summary>
public sealed record ProfileResponse(
    string UserId,
    UserStatus Status,
    string? Email,
    IReadOnlyList<IdentityResponse> Identities,
    JsonElement CustomData,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string> Metadata)
{
    public static ProfileResponse From(Profile profile) => new(
        profile.UserId,
        profile.Status,
        profile.Email,
        profile.Identities.Select(i => new IdentityResponse(i.ProviderType, i.Id)).ToList(),
        JsonElement.Parse(profile.CustomData),
        profile.CreatedAt,
        MetadataResponse.From(profile.Metadata));
}
