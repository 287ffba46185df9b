using System.Text.Json;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Gateway.Contracts;

/// <summary>API.md's <c>AdminUser</c>: the profile, the sessions and the devices that hold the user.</summary>
public sealed record AdminUserResponse(
    string UserId,
    UserStatus Status,
    string? Email,
    IReadOnlyList<IdentityResponse> Identities,
    JsonElement CustomData,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<SessionResponse> Sessions,
    IReadOnlyList<string> DeviceIds)
{
    public static AdminUserResponse From(AdminUser user)
    {
        var profile = ProfileResponse.From(user.Profile);
        return new AdminUserResponse(
            profile.UserId,
            profile.Status,
            profile.Email,
            profile.Identities,
            profile.CustomData,
            profile.CreatedAt,
            profile.Metadata,
            user.Sessions.Select(s => SessionResponse.From(s, currentSessionId: null)).ToList(),
            user.DeviceIds);
    }
}
