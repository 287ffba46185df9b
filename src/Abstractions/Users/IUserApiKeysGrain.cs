using OrleansSessions.Abstractions.ApiKeys;

namespace OrleansSessions.Abstractions.Users;

/// <summary>
/// A user as the API keys see it: the server user a server key makes, the sessions a key opened, and the signed-in
/// user managing its keys. The keys themselves live in their own grains (<see cref="IApiKeyListGrain"/>).
/// </summary>
[Alias("OrleansSessions.IUserApiKeysGrain")]
public interface IUserApiKeysGrain : IGrainWithStringKey
{
    /// <summary>Creates the user of a new server API key: of type server, with the key as its identity.</summary>
    [Alias("CreateServer")]
    Task CreateServer(string apiKeyId);

    /// <summary>Ends every session opened with this API key; idempotent.</summary>
    [Alias("EndApiKeySessions")]
    Task EndApiKeySessions(string apiKeyId);

    /// <summary>
    /// The signed-in user as a key owner, checking its session: with an access token's session id (<c>session-revoked</c>),
    /// or with a refresh token's hash too (<c>invalid-session</c> unless it is the session's current one).
    /// </summary>
    [Alias("CheckApiKeyHolder")]
    Task<ApiKeyHolder> CheckApiKeyHolder(string sessionId, TokenHash? refreshTokenHash);
}
