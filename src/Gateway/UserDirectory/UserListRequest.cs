using System.Text.RegularExpressions;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Problems;

namespace OrleansSessions.Gateway.UserDirectory;

/// <summary>The query string of ADMIN.md's user list, checked: each bad filter, limit or cursor is a 400 problem.</summary>
public static partial class UserListRequest
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static UserListQuery Parse(
        string? status, string? type, string? provider, string? q, string? limit, string? cursor, UserCursors cursors)
    {
        var query = new UserListQuery(
            Status(status), Type(type), Provider(provider), Search(q), Limit(limit), After: null);
        return string.IsNullOrEmpty(cursor) ? query : query with { After = cursors.Read(query, cursor) };
    }

    private static UserStatus? Status(string? status) => status switch
    {
        null or "" => null,
        "confirmed" => UserStatus.Confirmed,
        "pending" => UserStatus.Pending,
        "disabled" => UserStatus.Disabled,
        _ => throw Require.Invalid("'status' is confirmed, pending or disabled."),
    };

    private static string? Type(string? type) => type switch
    {
        null or "" => null,
        _ when UserTypes.IsKnown(type) => type,
        _ => throw Require.Invalid("'type' is normal or server."),
    };

    private static string? Provider(string? provider) => provider switch
    {
        null or "" => null,
        _ when ProviderName().IsMatch(provider) => provider,
        _ => throw Require.Invalid("'provider' is a provider type such as local-userpass or anon-user."),
    };

    private static string? Search(string? q)
    {
        var search = q?.Trim();
        Require.That(search is null || search.Length <= EmailAddress.MaxLength, $"'q' is at most {EmailAddress.MaxLength} characters.");
        return string.IsNullOrEmpty(search) ? null : search.ToLowerInvariant();
    }

    private static int Limit(string? limit) => limit switch
    {
        null or "" => DefaultLimit,
        _ when int.TryParse(limit, out var n) && n is >= 1 and <= MaxLimit && limit.All(char.IsAsciiDigit) => n,
        _ => throw Require.Invalid($"'limit' is a whole number from 1 to {MaxLimit}."),
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex ProviderName();
}
