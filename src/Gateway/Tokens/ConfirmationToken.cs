using System.Diagnostics.CodeAnalysis;
using OrleansSessions.Abstractions;

namespace OrleansSessions.Gateway.Tokens;

/// <summary>An email confirmation token, <c>{userId}.{secret}</c>; only the secret's hash is stored.</summary>
public sealed record ConfirmationToken(string UserId, string Secret)
{
    public TokenHash Hash => TokenHash.Of(Secret);

    public static bool TryParse(string? value, [NotNullWhen(true)] out ConfirmationToken? token)
    {
        var parts = value?.Split('.');
        token = parts is [var userId, { Length: >= 43 } secret] && Ids.IsWellFormed(userId)
            ? new ConfirmationToken(userId, secret)
            : null;
        return token is not null;
    }

    public override string ToString() => $"{UserId}.{Secret}";
}
