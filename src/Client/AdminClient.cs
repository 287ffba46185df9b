using OrleansSessions.Client.Models;

namespace OrleansSessions.Client;

/// <summary>
/// The admin API, with the admin key: look users up, confirm, disable, enable, revoke, delete, rotate keys, and manage
/// server API keys and users' API keys.
/// </summary>
public sealed class AdminClient
{
    private readonly ApiConnection _api;
    private readonly string _key;

    internal AdminClient(ApiConnection api, string adminKey) => (_api, _key) = (api, adminKey);

    public Task<AdminUser> GetUserAsync(string userId, CancellationToken cancellation = default) =>
        _api.SendAsync<AdminUser>(HttpMethod.Get, User(userId), _key, null, cancellation);

    public Task<AdminUser> FindUserAsync(string email, CancellationToken cancellation = default) =>
        _api.SendAsync<AdminUser>(HttpMethod.Get, $"/v1/admin/users?email={Uri.EscapeDataString(email)}", _key, null, cancellation);

    public Task ConfirmAsync(string userId, CancellationToken cancellation = default) => Act(userId, "confirm", cancellation);

    public Task DisableAsync(string userId, CancellationToken cancellation = default) => Act(userId, "disable", cancellation);

    public Task EnableAsync(string userId, CancellationToken cancellation = default) => Act(userId, "enable", cancellation);

    /// <summary>Ends every session of the user, on every device, at once.</summary>
    public Task RevokeSessionsAsync(string userId, CancellationToken cancellation = default) =>
        Act(userId, "revoke-sessions", cancellation);

    public Task DeleteUserAsync(string userId, CancellationToken cancellation = default) =>
        _api.SendAsync(HttpMethod.Delete, User(userId), _key, null, cancellation);

    /// <summary>Sets the user's custom data: any object that serializes to a JSON object of at most 16 KiB.</summary>
    public Task SetCustomDataAsync(string userId, object data, CancellationToken cancellation = default) =>
        _api.SendAsync(HttpMethod.Put, $"{User(userId)}/custom-data", _key, data, cancellation);

    /// <summary>Signs new access tokens with a new key; answers the new key's id.</summary>
    public async Task<string> RotateKeysAsync(CancellationToken cancellation = default) =>
        (await _api.SendAsync<KeyAnswer>(HttpMethod.Post, "/v1/admin/keys/rotate", _key, null, cancellation)).Kid;

    /// <summary>Makes a server API key and its server user; the answer's <see cref="ApiKey.Key"/> is shown this once.</summary>
    public Task<ApiKey> CreateServerApiKeyAsync(string name, CancellationToken cancellation = default) =>
        _api.SendAsync<ApiKey>(HttpMethod.Post, ServerKeysPath, _key, new { name }, cancellation);

    public async Task<IReadOnlyList<ApiKey>> GetServerApiKeysAsync(CancellationToken cancellation = default) =>
        (await _api.SendAsync<ApiKeyList>(HttpMethod.Get, ServerKeysPath, _key, null, cancellation)).ApiKeys;

    public Task<ApiKey> GetServerApiKeyAsync(string keyId, CancellationToken cancellation = default) =>
        _api.SendAsync<ApiKey>(HttpMethod.Get, ServerKey(keyId), _key, null, cancellation);

    /// <summary>Stops the key from logging in and ends its server user's sessions.</summary>
    public Task DisableServerApiKeyAsync(string keyId, CancellationToken cancellation = default) =>
        _api.SendAsync(HttpMethod.Post, $"{ServerKey(keyId)}/disable", _key, null, cancellation);

    public Task EnableServerApiKeyAsync(string keyId, CancellationToken cancellation = default) =>
        _api.SendAsync(HttpMethod.Post, $"{ServerKey(keyId)}/enable", _key, null, cancellation);

    /// <summary>Deletes the key, its server user and that user's sessions.</summary>
    public Task DeleteServerApiKeyAsync(string keyId, CancellationToken cancellation = default) =>
        _api.SendAsync(HttpMethod.Delete, ServerKey(keyId), _key, null, cancellation);

    /// <summary>A user's own API keys.</summary>
    public async Task<IReadOnlyList<ApiKey>> GetUserApiKeysAsync(string userId, CancellationToken cancellation = default) =>
        (await _api.SendAsync<ApiKeyList>(HttpMethod.Get, $"{User(userId)}/api-keys", _key, null, cancellation)).ApiKeys;

    public Task DeleteUserApiKeyAsync(string userId, string keyId, CancellationToken cancellation = default) =>
        _api.SendAsync(HttpMethod.Delete, $"{User(userId)}/api-keys/{Uri.EscapeDataString(keyId)}", _key, null, cancellation);

    private const string ServerKeysPath = "/v1/admin/api-keys";

    private static string ServerKey(string keyId) => $"{ServerKeysPath}/{Uri.EscapeDataString(keyId)}";

    private Task Act(string userId, string action, CancellationToken cancellation) =>
        _api.SendAsync(HttpMethod.Post, $"{User(userId)}/{action}", _key, null, cancellation);

    private static string User(string userId) => $"/v1/admin/users/{Uri.EscapeDataString(userId)}";

    private sealed record KeyAnswer(string Kid);
}
