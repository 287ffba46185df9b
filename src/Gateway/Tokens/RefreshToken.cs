using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using OrleansSessions.Abstractions;

namespace OrleansSessions.Gateway.Tokens;

/// <summary>
/// An opaque refresh token, <c>{userId}.{sessionId}.{secret}</c>: the ids route it to its user grain, the 256-bit
/// secret proves it, and only the secret's hash is stored.
/// </summary>
public sealed record RefreshToken(string UserId, string SessionId, string Secret)
{
    public TokenHash Hash => TokenHash.Of(Secret);

    /// <summary>
    /// The token that replaces this one when it is refreshed: an HMAC of this one under the cluster's refresh key,
    /// so that every gateway, and every one of several parallel refreshes, hands out the same successor.
    /// </summary>
    public RefreshToken Successor(byte[] refreshTokenKey) => this with
    {
        Secret = Base64Url.EncodeToString(HMACSHA256.HashData(refreshTokenKey, Encoding.UTF8.GetBytes(Secret))),
    };

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
