using OrleansSessions.Client.Models;

namespace OrleansSessions.Client;

/// <summary>The admin API, with the admin key: look users up, confirm, disable, enable, revoke, delete, rotate keys.</summary>
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

    private Task Act(string userId, string action, CancellationToken cancellation) =>
        _api.SendAsync(HttpMethod.Post, $"{User(userId)}/{action}", _key, null, cancellation);

    private static string User(string userId) => $"/v1/admin/users/{Uri.EscapeDataString(userId)}";

    private sealed record KeyAnswer(string Kid);
}
