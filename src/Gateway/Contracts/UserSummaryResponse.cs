using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Gateway.Contracts;

/// <summary>ADMIN.md's <c>UserSummary</c>: a user as the directory lists it.</summary>
public sealed record UserSummaryResponse(
    string UserId,
    string? Email,
    UserStatus Status,
    string Type,
    IReadOnlyList<string> ProviderTypes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastLoginAt)
{
    public static UserSummaryResponse From(DirectoryEntry entry) => new(
        entry.UserId, entry.Email, entry.Status, entry.Type, entry.ProviderTypes, entry.CreatedAt, entry.LastLoginAt);
}
