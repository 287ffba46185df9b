using OrleansSessions.Abstractions;
using OrleansSessions.Gateway.Callers;

namespace OrleansSessions.Gateway.ApiKeys;

/// <summary>
/// The signed-in user managing its keys: by an access token (/v1), or by a refresh token, whose hash the user grain
/// checks too (the Realm API's <c>user.apiKeys</c>).
/// </summary>
public sealed record ApiKeyOwner(string UserId, string SessionId, TokenHash? RefreshTokenHash)
{
    public static ApiKeyOwner Of(UserCaller caller) => new(caller.UserId, caller.SessionId, null);

    public static ApiKeyOwner Of(RefreshCaller caller) => new(caller.Token.UserId, caller.Token.SessionId, caller.Token.Hash);
}
