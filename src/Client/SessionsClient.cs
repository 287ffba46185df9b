using OrleansSessions.Client.Models;

namespace OrleansSessions.Client;

/// <summary>
/// The OrleansSessions API (v1) for .NET apps and services, over an <see cref="HttpClient"/> whose base address is
/// the gateway: register a device, then log users in on it; register accounts; administer with the admin key.
/// </summary>
public sealed class SessionsClient(HttpClient http)
{
    private readonly ApiConnection _api = new(http);

    public async Task<DeviceClient> RegisterDeviceAsync(string? name = null, CancellationToken cancellation = default) =>
        Device(await _api.SendAsync<DeviceCredentials>(HttpMethod.Post, "/v1/devices", null, new { name }, cancellation));

    /// <summary>A device registered before, from the credentials the app kept.</summary>
    public DeviceClient Device(DeviceCredentials credentials) => new(_api, credentials);

    /// <summary>Registers an email/password account; answers its user id (pending if confirmation is required).</summary>
    public async Task<string> RegisterAsync(string email, string password, CancellationToken cancellation = default) =>
        (await _api.SendAsync<Registered>(
            HttpMethod.Post, "/v1/auth/providers/local-userpass/register", null, new { email, password }, cancellation)).UserId;

    public AdminClient Admin(string adminKey) => new(_api, adminKey);

    private sealed record Registered(string UserId, string Status);
}
