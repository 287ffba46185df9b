using System.Net;
using System.Text.Json;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>The audit trail an admin reads: what happened to a user, newest first, without secrets.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class AuditTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task The_audit_trail_records_what_happened_newest_first_without_secrets()
    {
        var device = await _api.NewDevice();
        var account = await _api.Register();
        await Problem(await _api.TryLogIn(device, Password(account.Email, NewPassword())), HttpStatusCode.Unauthorized, "invalid-credentials");
        var login = await _api.LogIn(device, account);
        await _api.NewUser(device);
        await Json(await _api.Switch(device, account.UserId));
        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/revoke-sessions"));
        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/disable"));
        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/enable"));

        var trail = await WaitForAuditEvents(account.UserId, count: 6);
        var events = trail.GetProperty("events").EnumerateArray().ToList();

        Assert.Equal(
            ["enable", "disable", "revoke", "switch", "login", "login-failed"],
            events.Select(e => e.GetProperty("action").GetString()));
        var loginEvent = events.Single(e => e.GetProperty("action").GetString() == "login");
        Assert.Equal("succeeded", loginEvent.GetProperty("outcome").GetString());
        Assert.Equal(device.Id, loginEvent.GetProperty("deviceId").GetString());
        Assert.Equal("device", loginEvent.GetProperty("actor").GetString());
        Assert.Equal(JsonValueKind.String, loginEvent.GetProperty("sessionId").ValueKind);
        Utc(loginEvent.GetProperty("at"));
        Assert.Equal("invalid-credentials", events[^1].GetProperty("outcome").GetString());
        Assert.Equal("admin", events[0].GetProperty("actor").GetString());
        Assert.DoesNotContain(login.RefreshToken.Split('.')[2], trail.GetRawText());
        Assert.DoesNotContain(account.Password, trail.GetRawText());
        await Problem(await _api.Admin(HttpMethod.Get, "/v1/admin/users/0123456789abcdef01234567/events"), HttpStatusCode.NotFound, "user-not-found");
        await Problem(await _api.Send(HttpMethod.Get, $"/v1/admin/users/{account.UserId}/events", login.AccessToken),
            HttpStatusCode.Unauthorized, "invalid-admin-key");
    }

    /// <summary>The audit trail once it holds <paramref name="count"/> events (failed logins and switches arrive one-way).</summary>
    private async Task<JsonElement> WaitForAuditEvents(string userId, int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            var trail = await Json(await _api.Admin(HttpMethod.Get, $"/v1/admin/users/{userId}/events"));
            if (trail.GetProperty("events").GetArrayLength() >= count || attempt == 50)
            {
                return trail;
            }

            await Task.Delay(100);
        }
    }
}
