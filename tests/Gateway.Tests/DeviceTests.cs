using System.Net;
using System.Text.Json;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>The device routes and SPEC.md's rules 1 to 9, over HTTP.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class DeviceTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Registering_a_device_returns_its_id_and_a_long_random_token()
    {
        var first = await Json(await _api.TryRegisterDevice(), HttpStatusCode.Created);
        Fields(first, "deviceId", "deviceToken");
        var named = await Json(await _api.TryRegisterDevice(new { name = "Kitchen tablet" }), HttpStatusCode.Created);
        var longest = await Json(await _api.TryRegisterDevice(new { name = new string('n', 100) }), HttpStatusCode.Created);

        string[] ids = [.. new[] { first, named, longest }.Select(d => d.GetProperty("deviceId").GetString()!)];
        string[] tokens = [.. new[] { first, named, longest }.Select(d => d.GetProperty("deviceToken").GetString()!)];
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{24}$", id));
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(3, tokens.Distinct().Count());
        Assert.All(tokens, token => Assert.True(token.Length >= 22, "a device token carries at least 128 random bits"));
    }

    [Fact]
    public async Task A_device_name_over_100_characters_is_refused()
    {
        await Problem(await _api.TryRegisterDevice(new { name = new string('n', 101) }), HttpStatusCode.BadRequest, "validation-failed");
    }

    [Fact]
    public async Task Login_returns_the_tokens_and_makes_the_user_active()
    {
        var device = await _api.NewDevice("phone");
        var account = await _api.Register();

        var login = await Json(await _api.TryLogIn(device, Password(account)));
        Fields(login, "userId", "deviceId", "accessToken", "refreshToken");
        Assert.Equal(account.UserId, login.GetProperty("userId").GetString());
        Assert.Equal(device.Id, login.GetProperty("deviceId").GetString());
        var refreshSecret = login.GetProperty("refreshToken").GetString()!.Split('.')[^1];
        Assert.True(refreshSecret.Length >= 43, "a refresh token carries at least 256 random bits");

        var users = await _api.Users(device);
        Fields(users, "activeUserId", "users");
        Assert.Equal(account.UserId, users.GetProperty("activeUserId").GetString());
        var user = Assert.Single(users.GetProperty("users").EnumerateArray());
        Fields(user, "userId", "state", "providerType", "email", "lastActiveAt");
        Assert.Equal(account.UserId, user.GetProperty("userId").GetString());
        Assert.Equal("active", user.GetProperty("state").GetString());
        Assert.Equal("local-userpass", user.GetProperty("providerType").GetString());
        Assert.Equal(account.Email, user.GetProperty("email").GetString());
        Assert.InRange(Utc(user.GetProperty("lastActiveAt")), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));

        var active = await Json(await _api.GetActiveUser(device));
        Fields(active, "user");
        Assert.Equal(user.GetRawText(), active.GetProperty("user").GetRawText());
    }

    [Fact]
    public async Task A_new_device_has_no_users_and_no_active_user()
    {
        var device = await _api.NewDevice();
        var users = await _api.Users(device);
        Assert.Equal(JsonValueKind.Null, users.GetProperty("activeUserId").ValueKind);
        Assert.Empty(users.GetProperty("users").EnumerateArray());
        var active = await Json(await _api.GetActiveUser(device));
        Fields(active, "user");
        Assert.Equal(JsonValueKind.Null, active.GetProperty("user").ValueKind);
    }

    [Fact]
    public async Task Users_are_listed_in_first_login_order_and_a_relogin_keeps_its_place()
    {
        var device = await _api.NewDevice();
        var (a, _) = await _api.NewUser(device);
        var (b, _) = await _api.NewUser(device);
        var (c, _) = await _api.NewUser(device);
        Assert.Equal([a.UserId, b.UserId, c.UserId], await _api.UserIds(device));
        Assert.Equal(c.UserId, await _api.ActiveUserId(device));
        Assert.Equal("inactive", await _api.StateOf(device, a.UserId));
        Assert.Equal("inactive", await _api.StateOf(device, b.UserId));
        Assert.Equal("active", await _api.StateOf(device, c.UserId));

        await _api.LogIn(device, a);

        Assert.Equal([a.UserId, b.UserId, c.UserId], await _api.UserIds(device));
        Assert.Equal(a.UserId, await _api.ActiveUserId(device));
        Assert.Equal("inactive", await _api.StateOf(device, c.UserId));
    }

    [Fact]
    public async Task A_relogin_replaces_the_session_and_the_old_tokens_stop_working()
    {
        var device = await _api.NewDevice();
        var (account, old) = await _api.NewUser(device);
        var (other, _) = await _api.NewUser(device);

        var fresh = await _api.LogIn(device, account);

        Assert.Equal(account.UserId, fresh.UserId);
        Assert.NotEqual(old.AccessToken, fresh.AccessToken);
        Assert.NotEqual(old.RefreshToken, fresh.RefreshToken);
        await Problem(await _api.Profile(old.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.Refresh(old.RefreshToken), HttpStatusCode.Unauthorized, "invalid-session");
        await Json(await _api.Profile(fresh.AccessToken));
        await Json(await _api.Refresh(fresh.RefreshToken));
        Assert.Equal([account.UserId, other.UserId], await _api.UserIds(device));
        var sessions = (await Json(await _api.Sessions(fresh.AccessToken))).GetProperty("sessions");
        Assert.Single(sessions.EnumerateArray());
    }

    [Fact]
    public async Task Switching_makes_another_logged_in_user_active_and_hands_back_its_access_token()
    {
        var device = await _api.NewDevice();
        var (a, _) = await _api.NewUser(device);
        var (b, _) = await _api.NewUser(device);

        var switched = await Json(await _api.Switch(device, a.UserId));

        Fields(switched, "user", "accessToken");
        var user = switched.GetProperty("user");
        Fields(user, "userId", "state", "providerType", "email", "lastActiveAt");
        Assert.Equal(a.UserId, user.GetProperty("userId").GetString());
        Assert.Equal("active", user.GetProperty("state").GetString());
        var profile = await _api.ProfileOf(switched.GetProperty("accessToken").GetString()!);
        Assert.Equal(a.UserId, profile.GetProperty("userId").GetString());
        Assert.Equal(a.UserId, await _api.ActiveUserId(device));
        Assert.Equal("inactive", await _api.StateOf(device, b.UserId));

        var again = await Json(await _api.Switch(device, a.UserId));
        Assert.Equal("active", again.GetProperty("user").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Switching_to_a_user_not_on_the_device_or_logged_out_fails_and_keeps_the_active_user()
    {
        var device = await _api.NewDevice();
        var elsewhere = await _api.NewDevice();
        var (stranger, _) = await _api.NewUser(elsewhere);
        var (a, _) = await _api.NewUser(device);
        var (b, _) = await _api.NewUser(device);
        await NoContent(await _api.LogOut(device, a.UserId));
        var before = (await _api.Users(device)).GetRawText();

        await Problem(await _api.Switch(device, stranger.UserId), HttpStatusCode.NotFound, "user-not-on-device");
        await Problem(await _api.Switch(device, "000000000000000000000000"), HttpStatusCode.NotFound, "user-not-on-device");
        await Problem(await _api.Switch(device, "not-an-id"), HttpStatusCode.NotFound, "user-not-on-device");
        await Problem(await _api.Switch(device, a.UserId), HttpStatusCode.Conflict, "user-logged-out");

        Assert.Equal(before, (await _api.Users(device)).GetRawText());
        Assert.Equal(b.UserId, await _api.ActiveUserId(device));
        Assert.Equal("loggedOut", await _api.StateOf(device, a.UserId));
        Assert.Null(await _api.StateOf(elsewhere, a.UserId));
    }

    [Fact]
    public async Task Logging_out_ends_the_session_keeps_the_user_listed_and_is_idempotent()
    {
        var device = await _api.NewDevice();
        var (a, login) = await _api.NewUser(device);

        await NoContent(await _api.LogOut(device, a.UserId));

        Assert.Equal("loggedOut", await _api.StateOf(device, a.UserId));
        Assert.Null(await _api.ActiveUserId(device));
        var active = await Json(await _api.GetActiveUser(device));
        Assert.Equal(JsonValueKind.Null, active.GetProperty("user").ValueKind);
        await Problem(await _api.Profile(login.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.Refresh(login.RefreshToken), HttpStatusCode.Unauthorized, "invalid-session");
        var after = (await _api.Users(device)).GetRawText();

        await NoContent(await _api.LogOut(device, a.UserId));
        Assert.Equal(after, (await _api.Users(device)).GetRawText());

        var again = await _api.LogIn(device, a);
        Assert.Equal("active", await _api.StateOf(device, a.UserId));
        await Json(await _api.Profile(again.AccessToken));
    }

    [Fact]
    public async Task Logging_out_a_user_that_is_not_on_the_device_fails()
    {
        var device = await _api.NewDevice();
        var (a, _) = await _api.NewUser(device);
        var (stranger, _) = await _api.NewUser(await _api.NewDevice());
        await Problem(await _api.LogOut(device, stranger.UserId), HttpStatusCode.NotFound, "user-not-on-device");
        await Problem(await _api.LogOut(device, "000000000000000000000000"), HttpStatusCode.NotFound, "user-not-on-device");
        Assert.Equal(a.UserId, await _api.ActiveUserId(device));
    }

    [Fact]
    public async Task Logging_out_a_user_that_is_not_active_keeps_the_active_user()
    {
        var device = await _api.NewDevice();
        var (a, _) = await _api.NewUser(device);
        var (b, bLogin) = await _api.NewUser(device);

        await NoContent(await _api.LogOut(device, a.UserId));

        Assert.Equal(b.UserId, await _api.ActiveUserId(device));
        Assert.Equal("loggedOut", await _api.StateOf(device, a.UserId));
        await Json(await _api.Profile(bLogin.AccessToken));
    }

    [Fact]
    public async Task Removing_takes_the_user_off_the_device_without_deleting_the_account()
    {
        var device = await _api.NewDevice();
        var elsewhere = await _api.NewDevice();
        var (a, aLogin) = await _api.NewUser(device);
        var (b, _) = await _api.NewUser(device);
        var bElsewhere = await _api.LogIn(elsewhere, b);
        var (c, _) = await _api.NewUser(device);
        await NoContent(await _api.LogOut(device, c.UserId));

        await NoContent(await _api.Remove(device, b.UserId));
        await NoContent(await _api.Remove(device, c.UserId));

        Assert.Equal([a.UserId], await _api.UserIds(device));
        Assert.Equal(a.UserId, await _api.ActiveUserId(device));
        await Json(await _api.Profile(aLogin.AccessToken));
        await Problem(await _api.Remove(device, b.UserId), HttpStatusCode.NotFound, "user-not-on-device");
        await Problem(await _api.Switch(device, b.UserId), HttpStatusCode.NotFound, "user-not-on-device");
        Assert.Equal("confirmed", (await _api.AdminViewOf(b.UserId)).GetProperty("status").GetString());
        await Json(await _api.Profile(bElsewhere.AccessToken));
        Assert.Equal("active", await _api.StateOf(elsewhere, b.UserId));

        // A removed user that logs in again is on the device anew: last in first-login order.
        await _api.LogIn(device, b);
        Assert.Equal([a.UserId, b.UserId], await _api.UserIds(device));
    }

    [Fact]
    public async Task Removing_the_active_user_ends_its_session_and_falls_back()
    {
        var device = await _api.NewDevice();
        var (a, _) = await _api.NewUser(device);
        var (b, bLogin) = await _api.NewUser(device);

        await NoContent(await _api.Remove(device, b.UserId));

        await Problem(await _api.Profile(bLogin.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.Refresh(bLogin.RefreshToken), HttpStatusCode.Unauthorized, "invalid-session");
        Assert.Equal(a.UserId, await _api.ActiveUserId(device));
        Assert.DoesNotContain(device.Id, (await _api.AdminViewOf(b.UserId)).GetProperty("deviceIds").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task The_fallback_is_the_logged_in_user_most_recently_active_by_login_or_switch()
    {
        var device = await _api.NewDevice();
        var (a, _) = await _api.NewUser(device);
        var (b, _) = await _api.NewUser(device);
        var (c, _) = await _api.NewUser(device);
        await Json(await _api.Switch(device, b.UserId));
        await Json(await _api.Switch(device, a.UserId));

        // Most recently active besides a: b (switch), not c (the latest login) nor the list's neighbour.
        await NoContent(await _api.LogOut(device, a.UserId));
        Assert.Equal(b.UserId, await _api.ActiveUserId(device));

        await NoContent(await _api.Remove(device, b.UserId));
        Assert.Equal(c.UserId, await _api.ActiveUserId(device));

        await NoContent(await _api.LogOut(device, c.UserId));
        Assert.Null(await _api.ActiveUserId(device));
        Assert.Equal("loggedOut", await _api.StateOf(device, a.UserId));
        Assert.Equal("loggedOut", await _api.StateOf(device, c.UserId));
    }

    [Fact]
    public async Task The_fallback_follows_a_session_ended_elsewhere()
    {
        var device = await _api.NewDevice();
        var (a, _) = await _api.NewUser(device);
        var (b, _) = await _api.NewUser(device);
        var (c, cLogin) = await _api.NewUser(device);
        await Json(await _api.Switch(device, a.UserId));
        await Json(await _api.Switch(device, c.UserId));

        await NoContent(await _api.EndSessionWithRefreshToken(cLogin.RefreshToken));

        Assert.Equal(a.UserId, await _api.ActiveUserId(device));
        Assert.Equal("loggedOut", await _api.StateOf(device, c.UserId));
        Assert.Equal("inactive", await _api.StateOf(device, b.UserId));
    }

    [Fact]
    public async Task An_anonymous_login_reuses_the_logged_in_anonymous_user_with_a_new_session()
    {
        var device = await _api.NewDevice();
        var first = await _api.LogIn(device, Anonymous);
        var (other, _) = await _api.NewUser(device);

        var second = await _api.LogIn(device, Anonymous);

        Assert.Equal(first.UserId, second.UserId);
        await Problem(await _api.Profile(first.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.Refresh(first.RefreshToken), HttpStatusCode.Unauthorized, "invalid-session");
        Assert.Equal([first.UserId, other.UserId], await _api.UserIds(device));
        Assert.Equal(first.UserId, await _api.ActiveUserId(device));
        var anon = (await _api.Users(device)).GetProperty("users")[0];
        Assert.Equal("anon-user", anon.GetProperty("providerType").GetString());
        Assert.Equal(JsonValueKind.Null, anon.GetProperty("email").ValueKind);
        var profile = await _api.ProfileOf(second.AccessToken);
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("email").ValueKind);
        var identity = Assert.Single(profile.GetProperty("identities").EnumerateArray());
        Assert.Equal("anon-user", identity.GetProperty("providerType").GetString());

        var elsewhere = await _api.LogIn(await _api.NewDevice(), Anonymous);
        Assert.NotEqual(first.UserId, elsewhere.UserId);
    }

    [Fact]
    public async Task Logging_out_an_anonymous_user_removes_it_and_deletes_the_account()
    {
        var device = await _api.NewDevice();
        var (a, _) = await _api.NewUser(device);
        var anon = await _api.LogIn(device, Anonymous);

        await NoContent(await _api.LogOut(device, anon.UserId));

        Assert.Equal([a.UserId], await _api.UserIds(device));
        Assert.Equal(a.UserId, await _api.ActiveUserId(device));
        await Problem(await _api.AdminUser(anon.UserId), HttpStatusCode.NotFound, "user-not-found");
        await Problem(await _api.Profile(anon.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.LogOut(device, anon.UserId), HttpStatusCode.NotFound, "user-not-on-device");

        var next = await _api.LogIn(device, Anonymous);
        Assert.NotEqual(anon.UserId, next.UserId);
        Assert.Equal([a.UserId, next.UserId], await _api.UserIds(device));
    }

    [Fact]
    public async Task Removing_an_anonymous_user_deletes_the_account()
    {
        var device = await _api.NewDevice();
        var anon = await _api.LogIn(device, Anonymous);

        await NoContent(await _api.Remove(device, anon.UserId));

        Assert.Empty(await _api.UserIds(device));
        await Problem(await _api.AdminUser(anon.UserId), HttpStatusCode.NotFound, "user-not-found");
        Assert.NotEqual(anon.UserId, (await _api.LogIn(device, Anonymous)).UserId);
    }

    [Fact]
    public async Task An_anonymous_user_whose_session_ends_otherwise_is_deleted_too()
    {
        var device = await _api.NewDevice();
        var byRefreshToken = await _api.LogIn(device, Anonymous);
        await NoContent(await _api.EndSessionWithRefreshToken(byRefreshToken.RefreshToken));
        await Problem(await _api.AdminUser(byRefreshToken.UserId), HttpStatusCode.NotFound, "user-not-found");

        var byOwnSessions = await _api.LogIn(device, Anonymous);
        Assert.NotEqual(byRefreshToken.UserId, byOwnSessions.UserId);
        await NoContent(await _api.Send(HttpMethod.Delete, "/v1/auth/sessions?scope=all", byOwnSessions.AccessToken));
        await Problem(await _api.AdminUser(byOwnSessions.UserId), HttpStatusCode.NotFound, "user-not-found");

        var byRevoke = await _api.LogIn(device, Anonymous);
        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{byRevoke.UserId}/revoke-sessions"));
        await Problem(await _api.AdminUser(byRevoke.UserId), HttpStatusCode.NotFound, "user-not-found");

        var byDisable = await _api.LogIn(device, Anonymous);
        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{byDisable.UserId}/disable"));
        await Problem(await _api.AdminUser(byDisable.UserId), HttpStatusCode.NotFound, "user-not-found");

        Assert.Empty(await _api.UserIds(device));
        Assert.NotEqual(byDisable.UserId, (await _api.LogIn(device, Anonymous)).UserId);
    }

    [Fact]
    public async Task LastActiveAt_changes_on_login_and_switch_only()
    {
        var device = await _api.NewDevice();
        var (a, aLogin) = await _api.NewUser(device);
        var (b, _) = await _api.NewUser(device);
        var loggedIn = await LastActiveAt(device, a.UserId);

        await Task.Delay(20);
        await Json(await _api.Profile(aLogin.AccessToken));
        await Json(await _api.Sessions(aLogin.AccessToken));
        var refreshed = await Json(await _api.Refresh(aLogin.RefreshToken));
        await Json(await _api.Profile(refreshed.GetProperty("accessToken").GetString()!));
        await NoContent(await _api.LogOut(device, b.UserId));
        Assert.Equal(loggedIn, await LastActiveAt(device, a.UserId));

        await Task.Delay(20);
        await Json(await _api.Switch(device, a.UserId));
        var switched = await LastActiveAt(device, a.UserId);
        Assert.True(switched > loggedIn);

        await Task.Delay(20);
        await _api.LogIn(device, a);
        Assert.True(await LastActiveAt(device, a.UserId) > switched);
    }

    [Fact]
    public async Task Users_on_two_devices_have_a_session_on_each_and_log_out_of_each_alone()
    {
        var phone = await _api.NewDevice("phone");
        var laptop = await _api.NewDevice("laptop");
        var (a, onPhone) = await _api.NewUser(phone);
        var onLaptop = await _api.LogIn(laptop, a);

        await NoContent(await _api.LogOut(phone, a.UserId));

        Assert.Equal("loggedOut", await _api.StateOf(phone, a.UserId));
        Assert.Equal("active", await _api.StateOf(laptop, a.UserId));
        await Problem(await _api.Profile(onPhone.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Json(await _api.Profile(onLaptop.AccessToken));
    }

    [Fact]
    public async Task Every_device_route_refuses_a_wrong_missing_or_foreign_device_token()
    {
        var device = await _api.NewDevice();
        var other = await _api.NewDevice();
        var (a, login) = await _api.NewUser(device);
        var before = (await _api.Users(device)).GetRawText();
        var unknown = new Device("0123456789abcdef01234567", device.Token);
        var malformed = new Device("not-a-device", device.Token);

        foreach (var (target, token) in new[]
                 {
                     (device, other.Token), (device, "wrong-token"), (device, login.AccessToken), (device, login.RefreshToken),
                     (device, GatewayHost.AdminKey), (unknown, device.Token), (malformed, device.Token),
                 })
        {
            var impostor = target with { Token = token };
            await Problem(await _api.ListUsers(impostor), HttpStatusCode.Unauthorized, "invalid-device-token");
            await Problem(await _api.GetActiveUser(impostor), HttpStatusCode.Unauthorized, "invalid-device-token");
            await Problem(await _api.Switch(impostor, a.UserId), HttpStatusCode.Unauthorized, "invalid-device-token");
            await Problem(await _api.LogOut(impostor, a.UserId), HttpStatusCode.Unauthorized, "invalid-device-token");
            await Problem(await _api.Remove(impostor, a.UserId), HttpStatusCode.Unauthorized, "invalid-device-token");
            await Problem(await _api.TryLogIn(impostor, Password(a)), HttpStatusCode.Unauthorized, "invalid-device-token");
            await Problem(await _api.TryLogIn(impostor, Anonymous), HttpStatusCode.Unauthorized, "invalid-device-token");
        }

        foreach (var path in new[] { "users", "active-user" })
        {
            await Problem(await _api.Send(HttpMethod.Get, $"/v1/devices/{device.Id}/{path}"), HttpStatusCode.Unauthorized, "invalid-device-token");
        }

        await Problem(await _api.Send(HttpMethod.Post, $"/v1/devices/{device.Id}/login", body: Password(a)),
            HttpStatusCode.Unauthorized, "invalid-device-token");
        await Problem(await _api.Send(HttpMethod.Post, $"/v1/devices/{device.Id}/users/{a.UserId}/logout"),
            HttpStatusCode.Unauthorized, "invalid-device-token");
        await Problem(await _api.Send(HttpMethod.Delete, $"/v1/devices/{device.Id}/users/{a.UserId}"),
            HttpStatusCode.Unauthorized, "invalid-device-token");

        Assert.Equal(before, (await _api.Users(device)).GetRawText());
        Assert.Empty(await _api.UserIds(other));
        await Json(await _api.Profile(login.AccessToken));
    }

    private async Task<DateTimeOffset> LastActiveAt(Device device, string userId) =>
        Utc((await _api.Users(device)).GetProperty("users").EnumerateArray()
            .Single(u => u.GetProperty("userId").GetString() == userId).GetProperty("lastActiveAt"));
}
