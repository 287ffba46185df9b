using System.Diagnostics.CodeAnalysis;
using OrleansSessions.Abstractions;

namespace OrleansSessions.Gateway.Tokens;

/// <summary>
/// A token mailed to an account (email confirmation, password reset): <c>{userId}.{secret}</c>, single use, short
/// lived; only the secret's hash is stored, with the user.
/// </summary>
public sealed record AccountToken(string UserId, string Secret)
{
    public TokenHash Hash => TokenHash.Of(Secret);

    public static AccountToken New(string userId) => new(userId, Ids.NewSecret());

    public static bool TryParse(string? value, [NotNullWhen(true)] out AccountToken? token)
    {
        var parts = value?.Split('.');
        token = parts is [var userId, { Length: >= 43 } secret] && Ids.IsWellFormed(userId)
            ? new AccountToken(userId, secret)
            : null;
        return token is not null;
    }

    public override string ToString() => $"{UserId}.{Secret}";
}
