using OrleansSessions.Client.Models;

namespace OrleansSessions.Client;

/// <summary>
/// One signed-in user's session: its tokens and what the user may do with them. A call answered
/// <c>token-expired</c> refreshes the access token once and is retried; parallel refreshes of the session become
/// one request, and the rotated refresh token is kept.
/// </summary>
public sealed class UserSession
{
    private readonly ApiConnection _api;
    private readonly Lock _sync = new();
    private Task? _refreshing;

    internal UserSession(ApiConnection api, string userId, string deviceId, string accessToken, string refreshToken)
    {
        _api = api;
        UserId = userId;
        DeviceId = deviceId;
        AccessToken = accessToken;
        RefreshToken = refreshToken;
    }

    public string UserId { get; }

    public string DeviceId { get; }

    public string AccessToken { get; private set; }

    public string RefreshToken { get; private set; }

    public Task<Profile> GetProfileAsync(CancellationToken cancellation = default) =>
        Authorized(token => _api.SendAsync<Profile>(HttpMethod.Get, "/v1/auth/profile", token, null, cancellation));

    public async Task<IReadOnlyList<Session>> GetSessionsAsync(CancellationToken cancellation = default) =>
        (await Authorized(token => _api.SendAsync<SessionList>(HttpMethod.Get, "/v1/auth/sessions", token, null, cancellation))).Sessions;

    public Task EndSessionAsync(string sessionId, CancellationToken cancellation = default) =>
        Authorized(token => _api.SendAsync(HttpMethod.Delete, $"/v1/auth/sessions/{Uri.EscapeDataString(sessionId)}", token, null, cancellation));

    /// <summary>Ends every session of the user but this one (<paramref name="keepThisOne"/>) or all of them.</summary>
    public Task EndSessionsAsync(bool keepThisOne, CancellationToken cancellation = default) =>
        Authorized(token => _api.SendAsync(
            HttpMethod.Delete, $"/v1/auth/sessions?scope={(keepThisOne ? "others" : "all")}", token, null, cancellation));

    public Task<Profile> LinkAsync(Credentials credentials, CancellationToken cancellation = default) =>
        Authorized(token => _api.SendAsync<Profile>(HttpMethod.Post, "/v1/auth/identities", token, credentials, cancellation));

    public Task ChangePasswordAsync(string currentPassword, string newPassword, CancellationToken cancellation = default) =>
        Authorized(token => _api.SendAsync(
            HttpMethod.Post, "/v1/auth/password", token, new { currentPassword, newPassword }, cancellation));

    public Task DeleteAccountAsync(CancellationToken cancellation = default) =>
        Authorized(token => _api.SendAsync(HttpMethod.Delete, "/v1/auth/user", token, null, cancellation));

    /// <summary>Makes a user API key; the answer's <see cref="ApiKey.Key"/> is its secret, shown this once.</summary>
    public Task<ApiKey> CreateApiKeyAsync(string name, CancellationToken cancellation = default) =>
        Authorized(token => _api.SendAsync<ApiKey>(HttpMethod.Post, ApiKeysPath, token, new { name }, cancellation));

    /// <summary>The user's API keys, oldest first.</summary>
    public async Task<IReadOnlyList<ApiKey>> GetApiKeysAsync(CancellationToken cancellation = default) =>
        (await Authorized(token => _api.SendAsync<ApiKeyList>(HttpMethod.Get, ApiKeysPath, token, null, cancellation))).ApiKeys;

    public Task<ApiKey> GetApiKeyAsync(string keyId, CancellationToken cancellation = default) =>
        Authorized(token => _api.SendAsync<ApiKey>(HttpMethod.Get, ApiKeyPath(keyId), token, null, cancellation));

    /// <summary>Stops the key from logging in and ends every session opened with it.</summary>
    public Task DisableApiKeyAsync(string keyId, CancellationToken cancellation = default) =>
        Authorized(token => _api.SendAsync(HttpMethod.Post, $"{ApiKeyPath(keyId)}/disable", token, null, cancellation));

    public Task EnableApiKeyAsync(string keyId, CancellationToken cancellation = default) =>
        Authorized(token => _api.SendAsync(HttpMethod.Post, $"{ApiKeyPath(keyId)}/enable", token, null, cancellation));

    /// <summary>Deletes the key and ends every session opened with it.</summary>
    public Task DeleteApiKeyAsync(string keyId, CancellationToken cancellation = default) =>
        Authorized(token => _api.SendAsync(HttpMethod.Delete, ApiKeyPath(keyId), token, null, cancellation));

    /// <summary>Ends this session (a logout with the refresh token).</summary>
    public Task LogOutAsync(CancellationToken cancellation = default) =>
        _api.SendAsync(HttpMethod.Delete, "/v1/auth/session", RefreshToken, null, cancellation);

    /// <summary>Gets a new access token (and the next refresh token); calls made at once share one request.</summary>
    public Task RefreshAsync()
    {
        lock (_sync)
        {
            return _refreshing ??= RefreshOnceAsync();
        }
    }

    internal void UseAccessToken(string accessToken)
    {
        lock (_sync)
        {
            AccessToken = accessToken;
        }
    }

    private async Task RefreshOnceAsync()
    {
        try
        {
            var answer = await _api.SendAsync<RefreshAnswer>(HttpMethod.Post, "/v1/auth/session", RefreshToken, null, CancellationToken.None);
            lock (_sync)
            {
                AccessToken = answer.AccessToken;
                RefreshToken = answer.RefreshToken ?? RefreshToken;
            }
        }
        finally
        {
            lock (_sync)
            {
                _refreshing = null;
            }
        }
    }

    private async Task<T> Authorized<T>(Func<string, Task<T>> call)
    {
        var token = AccessToken;
        try
        {
            return await call(token);
        }
        catch (SessionsApiException expired) when (expired.Code == "token-expired")
        {
            if (token == AccessToken)
            {
                await RefreshAsync();
            }

            return await call(AccessToken);
        }
    }

    private Task Authorized(Func<string, Task> call) => Authorized(async token =>
    {
        await call(token);
        return true;
    });

    private const string ApiKeysPath = "/v1/auth/api-keys";

    private static string ApiKeyPath(string keyId) => $"{ApiKeysPath}/{Uri.EscapeDataString(keyId)}";

    private sealed record SessionList(IReadOnlyList<Session> Sessions);

    private sealed record RefreshAnswer(string AccessToken, string? RefreshToken);
}
