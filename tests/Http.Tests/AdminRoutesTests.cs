using System.Net;
using System.Text.Json.Nodes;

namespace OrleansSessions.Http.Tests;

/// <summary>The admin routes: the key, look-ups, confirm, disable, enable, revoke, delete, custom data, devices.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class AdminRoutesTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.Api();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Admin_routes_need_the_admin_key()
    {
        var login = await _api.NewUserOn(await _api.RegisterDevice());
        foreach (var key in new[] { null, "wrong-key", login.AccessToken })
        {
            var response = await _api.Send(HttpMethod.Post, $"/v1/admin/users/{login.UserId}/revoke-sessions", key);
            Assert.Equal("invalid-admin-key", await Api.Problem(response, HttpStatusCode.Unauthorized));
        }

        Assert.Equal(HttpStatusCode.OK, (await _api.Profile(login.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task An_admin_finds_a_user_by_id_and_by_email()
    {
        var device = await _api.RegisterDevice("kiosk");
        var (userId, email, password) = await _api.RegisterUser();
        await _api.LogIn(device, Api.Password(email, password));

        var byId = await Api.Json(await _api.Admin(HttpMethod.Get, $"/v1/admin/users/{userId}"));
        var byEmail = await Api.Json(await _api.Admin(HttpMethod.Get, $"/v1/admin/users?email={Uri.EscapeDataString(email.ToUpperInvariant())}"));

        foreach (var user in new[] { byId, byEmail })
        {
            Assert.Equal(userId, (string)user["userId"]!);
            Assert.Equal("confirmed", (string)user["status"]!);
            Assert.Equal(email, (string)user["email"]!);
            Assert.Equal([device.Id], user["deviceIds"]!.AsArray().Select(d => (string)d!));
            var session = user["sessions"]!.AsArray().Single()!.AsObject();
            Assert.Equal(device.Id, (string)session["deviceId"]!);
            Assert.Equal("kiosk", (string)session["deviceName"]!);
            Assert.False(session.ContainsKey("current"));
        }

        Assert.Equal("user-not-found", await Api.Problem(await _api.Admin(HttpMethod.Get, "/v1/admin/users/0123456789abcdef01234567"), HttpStatusCode.NotFound));
        Assert.Equal("user-not-found", await Api.Problem(await _api.Admin(HttpMethod.Get, "/v1/admin/users/nonsense"), HttpStatusCode.NotFound));
        Assert.Equal("user-not-found", await Api.Problem(await _api.Admin(HttpMethod.Get, $"/v1/admin/users?email={Api.NewEmail()}"), HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Revoking_ends_every_token_at_once_and_every_device_shows_the_user_logged_out()
    {
        var (userId, email, password) = await _api.RegisterUser();
        var devices = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _api.RegisterDevice()));
        var logins = new List<Api.Login>();
        foreach (var device in devices)
        {
            logins.Add(await _api.LogIn(device, Api.Password(email, password)));
        }

        var other = await _api.NewUserOn(devices[0]);
        await _api.Send(HttpMethod.Put, $"/v1/devices/{devices[0].Id}/active-user", devices[0].Token, new { userId });

        var revoked = await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{userId}/revoke-sessions");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        foreach (var (device, login) in devices.Zip(logins))
        {
            Assert.Equal("loggedOut", await _api.StateOf(device, userId));
            Assert.Equal("session-revoked", await Api.Problem(await _api.Profile(login.AccessToken), HttpStatusCode.Unauthorized));
            Assert.Equal("invalid-session", await Api.Problem(await _api.Send(HttpMethod.Post, "/v1/auth/session", login.RefreshToken), HttpStatusCode.Unauthorized));
        }

        Assert.Equal(other.UserId, await _api.ActiveUserOf(devices[0]));
        await _api.LogIn(devices[1], Api.Password(email, password));
    }

    [Fact]
    public async Task Disable_refuses_logins_until_enabled_and_enable_restores_no_session()
    {
        var device = await _api.RegisterDevice();
        var (userId, email, password) = await _api.RegisterUser();
        var login = await _api.LogIn(device, Api.Password(email, password));

        Assert.Equal(HttpStatusCode.NoContent, (await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{userId}/disable")).StatusCode);

        Assert.Equal("loggedOut", await _api.StateOf(device, userId));
        Assert.Equal("session-revoked", await Api.Problem(await _api.Profile(login.AccessToken), HttpStatusCode.Unauthorized));
        Assert.Equal("user-disabled", await Api.Problem(await _api.TryLogIn(device, Api.Password(email, password)), HttpStatusCode.Unauthorized));
        Assert.Equal("disabled", (string)(await Api.Json(await _api.Admin(HttpMethod.Get, $"/v1/admin/users/{userId}")))["status"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{userId}/enable")).StatusCode);

        Assert.Equal("loggedOut", await _api.StateOf(device, userId));
        Assert.Empty((await Api.Json(await _api.Admin(HttpMethod.Get, $"/v1/admin/users/{userId}")))["sessions"]!.AsArray());
        await _api.LogIn(device, Api.Password(email, password));
    }

    [Fact]
    public async Task Deleting_a_user_takes_it_off_every_device()
    {
        var (userId, email, password) = await _api.RegisterUser();
        var devices = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _api.RegisterDevice()));
        foreach (var device in devices)
        {
            await _api.LogIn(device, Api.Password(email, password));
        }

        Assert.Equal(HttpStatusCode.NoContent, (await _api.Admin(HttpMethod.Delete, $"/v1/admin/users/{userId}")).StatusCode);

        foreach (var device in devices)
        {
            Assert.Null(await _api.StateOf(device, userId));
        }

        Assert.Equal("user-not-found", await Api.Problem(await _api.Admin(HttpMethod.Delete, $"/v1/admin/users/{userId}"), HttpStatusCode.NotFound));
        foreach (var action in new[] { "confirm", "disable", "enable", "revoke-sessions" })
        {
            Assert.Equal("user-not-found", await Api.Problem(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{userId}/{action}"), HttpStatusCode.NotFound));
        }
    }

    [Fact]
    public async Task Custom_data_is_an_object_of_at_most_16_KiB_that_the_user_reads()
    {
        var login = await _api.NewUserOn(await _api.RegisterDevice());
        var path = $"/v1/admin/users/{login.UserId}/custom-data";

        var set = await _api.Admin(HttpMethod.Put, path, Api.Raw("""{"plan":"gold","seats":3}"""));
        var array = await _api.Admin(HttpMethod.Put, path, Api.Raw("[1,2]"));
        var large = await _api.Admin(HttpMethod.Put, path, new JsonObject { ["blob"] = new string('x', 17 * 1024) });

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal("validation-failed", await Api.Problem(array, HttpStatusCode.BadRequest));
        Assert.Equal("payload-too-large", await Api.Problem(large, HttpStatusCode.RequestEntityTooLarge));
        var profile = await Api.Json(await _api.Profile(login.AccessToken));
        Assert.Equal("""{"plan":"gold","seats":3}""", profile["customData"]!.ToJsonString());
    }

    [Fact]
    public async Task An_admin_sees_a_device_with_its_users()
    {
        var device = await _api.RegisterDevice("tablet");
        var login = await _api.NewUserOn(device);

        var view = await Api.Json(await _api.Admin(HttpMethod.Get, $"/v1/admin/devices/{device.Id}"));

        Assert.Equal(device.Id, (string)view["deviceId"]!);
        Assert.Equal("tablet", (string)view["name"]!);
        Assert.NotNull(view["createdAt"]);
        Assert.Equal(login.UserId, (string)view["activeUserId"]!);
        Assert.Equal(login.UserId, (string)view["users"]![0]!["userId"]!);
        Assert.Equal("device-not-found", await Api.Problem(await _api.Admin(HttpMethod.Get, "/v1/admin/devices/0123456789abcdef01234567"), HttpStatusCode.NotFound));
        Assert.Equal("device-not-found", await Api.Problem(await _api.Admin(HttpMethod.Get, "/v1/admin/devices/x"), HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task The_audit_trail_records_what_happened_newest_first_without_secrets()
    {
        var device = await _api.RegisterDevice();
        var (userId, email, password) = await _api.RegisterUser();
        await _api.TryLogIn(device, Api.Password(email, _api.NewPassword()));
        var login = await _api.LogIn(device, Api.Password(email, password));
        await _api.NewUserOn(device);
        await _api.Send(HttpMethod.Put, $"/v1/devices/{device.Id}/active-user", device.Token, new { userId });
        await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{userId}/revoke-sessions");
        await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{userId}/disable");
        await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{userId}/enable");

        var events = await WaitForAuditEvents(userId, count: 6);

        Assert.Equal(
            ["enable", "disable", "revoke", "switch", "login", "login-failed"],
            events.Select(e => (string)e!["action"]!));
        var loginEvent = events.Single(e => (string)e!["action"]! == "login")!;
        Assert.Equal("succeeded", (string)loginEvent["outcome"]!);
        Assert.Equal(device.Id, (string)loginEvent["deviceId"]!);
        Assert.Equal("device", (string)loginEvent["actor"]!);
        Assert.NotNull(loginEvent["sessionId"]);
        Assert.NotNull(loginEvent["at"]);
        Assert.Equal("invalid-credentials", (string)events[^1]!["outcome"]!);
        Assert.Equal("admin", (string)events[0]!["actor"]!);
        Assert.DoesNotContain(login.RefreshToken.Split('.')[2], events.ToJsonString());
        Assert.Equal("user-not-found", await Api.Problem(
            await _api.Admin(HttpMethod.Get, "/v1/admin/users/0123456789abcdef01234567/events"), HttpStatusCode.NotFound));
    }

    /// <summary>The audit trail once it holds <paramref name="count"/> events (failed logins and switches arrive one-way).</summary>
    private async Task<JsonArray> WaitForAuditEvents(string userId, int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            var events = (await Api.Json(await _api.Admin(HttpMethod.Get, $"/v1/admin/users/{userId}/events")))["events"]!.AsArray();
            if (events.Count >= count || attempt == 50)
            {
                return events;
            }

            await Task.Delay(100);
        }
    }
}
