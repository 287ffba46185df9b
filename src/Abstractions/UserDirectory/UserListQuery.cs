using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Abstractions.UserDirectory;

/// <summary>
/// A page of the user directory: the users matching every filter given, newest first, or with <paramref name="Search"/>
/// (an email prefix, or an exact user id) in email order; <paramref name="After"/> is where the previous page ended.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.UserListQuery")]
public sealed record UserListQuery(
    UserStatus? Status, string? Type, string? Provider, string? Search, int Limit, string? After);
