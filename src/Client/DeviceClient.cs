using OrleansSessions.Client.Models;

namespace OrleansSessions.Client;

/// <summary>A device of this app: logs users in on it, lists them, switches the active one, logs out, removes.</summary>
public sealed class DeviceClient
{
    private readonly ApiConnection _api;
    private readonly string _path;

    internal DeviceClient(ApiConnection api, DeviceCredentials credentials)
    {
        _api = api;
        Credentials = credentials;
        _path = $"/v1/devices/{Uri.EscapeDataString(credentials.DeviceId)}";
    }

    public DeviceCredentials Credentials { get; }

    private string Token => Credentials.DeviceToken;

    /// <summary>Logs a user in on this device and makes it the active user.</summary>
    public async Task<UserSession> LogInAsync(Credentials credentials, CancellationToken cancellation = default)
    {
        var answer = await _api.SendAsync<LoginAnswer>(HttpMethod.Post, $"{_path}/login", Token, credentials, cancellation);
        return new UserSession(_api, answer.UserId, answer.DeviceId, answer.AccessToken, answer.RefreshToken);
    }

    public Task<DeviceUsers> ListUsersAsync(CancellationToken cancellation = default) =>
        _api.SendAsync<DeviceUsers>(HttpMethod.Get, $"{_path}/users", Token, null, cancellation);

    public async Task<DeviceUser?> GetActiveUserAsync(CancellationToken cancellation = default) =>
        (await _api.SendAsync<ActiveUserAnswer>(HttpMethod.Get, $"{_path}/active-user", Token, null, cancellation)).User;

    /// <summary>Makes the user of <paramref name="session"/> active, and gives the session the fresh access token.</summary>
    public async Task<DeviceUser> SwitchToAsync(UserSession session, CancellationToken cancellation = default)
    {
        var answer = await _api.SendAsync<SwitchAnswer>(
            HttpMethod.Put, $"{_path}/active-user", Token, new { userId = session.UserId }, cancellation);
        session.UseAccessToken(answer.AccessToken);
        return answer.User;
    }

    public Task LogOutAsync(string userId, CancellationToken cancellation = default) =>
        _api.SendAsync(HttpMethod.Post, $"{_path}/users/{Uri.EscapeDataString(userId)}/logout", Token, null, cancellation);

    public Task RemoveAsync(string userId, CancellationToken cancellation = default) =>
        _api.SendAsync(HttpMethod.Delete, $"{_path}/users/{Uri.EscapeDataString(userId)}", Token, null, cancellation);

    private sealed record LoginAnswer(string UserId, string DeviceId, string AccessToken, string RefreshToken);

    private sealed record ActiveUserAnswer(DeviceUser? User);

    private sealed record SwitchAnswer(DeviceUser User, string AccessToken);
}
