using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using OrleansSessions.Abstractions;

namespace OrleansSessions.Gateway.Tokens;

/// <summary>
/// An opaque refresh token, <c>{userId}.{sessionId}.{secret}</c>: the ids route it to its user grain, the 256-bit
/// secret proves it, and only the secret's hash is stored. The secret carries the cluster's MAC bound to the user
/// (<see cref="TokenSeal"/>), so a forged token is refused before its user grain is asked.
/// </summary>
public sealed record RefreshToken(string UserId, string SessionId, string Secret)
{
    public TokenHash Hash => TokenHash.Of(Secret);

    /// <summary>
    /// The token that replaces this one when it is refreshed: an HMAC of this one under the cluster's refresh key,
    /// so that every gateway, and every one of several parallel refreshes, hands out the same successor; sealed.
    /// </summary>
    public RefreshToken Successor(byte[] refreshTokenKey, TokenSeal seal) => this with
    {
        Secret = seal.Sealed(TokenSeal.Refresh, UserId, HMACSHA256.HashData(refreshTokenKey, Encoding.UTF8.GetBytes(Secret))),
    };

    /// <summary>Whether this cluster sealed the token for its user (a forged or random one is not).</summary>
    public bool IsSealed(TokenSeal seal) => seal.Verifies(TokenSeal.Refresh, UserId, Secret);

    public static bool TryParse(string? value, [NotNullWhen(true)] out RefreshToken? token)
    {
        var parts = value?.Split('.');
        token = parts is [var userId, var sessionId, { Length: >= 43 } secret]
            && Ids.IsWellFormed(userId) && Ids.IsWellFormed(sessionId)
            ? new RefreshToken(userId, sessionId, secret)
            : null;
        return token is not null;
    }

    public override string ToString() => $"{UserId}.{SessionId}.{Secret}";
}
