using System.Net;

namespace OrleansSessions.Http.Tests;

/// <summary>The device routes of API.md and SPEC.md's device rules, over HTTP.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class DeviceRoutesTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.Api();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Registering_a_device_hands_out_its_id_and_token()
    {
        var response = await _api.Send(HttpMethod.Post, "/v1/devices", body: new { name = "Ana's phone" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await Api.Json(response);
        Assert.Matches("^[0-9a-f]{24}$", (string)json["deviceId"]!);
        Assert.True(((string)_api.Secret((string)json["deviceToken"]!)).Length >= 22);

        var bare = await _api.Send(HttpMethod.Post, "/v1/devices");
        Assert.Equal(HttpStatusCode.Created, bare.StatusCode);
        var tooLong = await _api.Send(HttpMethod.Post, "/v1/devices", body: new { name = new string('x', 101) });
        Assert.Equal("validation-failed", await Api.Problem(tooLong, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_login_answers_tokens_and_makes_the_user_active()
    {
        var device = await _api.RegisterDevice();
        var (userId, email, password) = await _api.RegisterUser();

        var response = await _api.TryLogIn(device, Api.Password(email.ToUpperInvariant(), password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await Api.Json(response);
        Assert.Equal(userId, (string)json["userId"]!);
        Assert.Equal(device.Id, (string)json["deviceId"]!);
        Assert.Equal(3, _api.Secret((string)json["accessToken"]!).Split('.').Length);
        Assert.NotNull(_api.Secret((string)json["refreshToken"]!));
        var active = await Api.Json(await _api.Send(HttpMethod.Get, $"/v1/devices/{device.Id}/active-user", device.Token));
        Assert.Equal(userId, (string)active["user"]!["userId"]!);
        Assert.Equal("active", (string)active["user"]!["state"]!);
        Assert.Equal("local-userpass", (string)active["user"]!["providerType"]!);
        Assert.Equal(email, (string)active["user"]!["email"]!);
        Assert.NotNull(active["user"]!["lastActiveAt"]);
    }

    [Fact]
    public async Task The_list_keeps_first_login_order_with_states_and_the_active_user()
    {
        var device = await _api.RegisterDevice();
        var a = await _api.NewUserOn(device);
        var b = await _api.NewUserOn(device);
        var c = await _api.NewUserOn(device);
        await _api.Send(HttpMethod.Post, $"/v1/devices/{device.Id}/users/{b.UserId}/logout", device.Token);

        var list = await _api.Users(device);

        Assert.Equal(c.UserId, (string)list["activeUserId"]!);
        Assert.Equal([a.UserId, b.UserId, c.UserId], list["users"]!.AsArray().Select(u => (string)u!["userId"]!));
        Assert.Equal(["inactive", "loggedOut", "active"], list["users"]!.AsArray().Select(u => (string)u!["state"]!));
    }

    [Fact]
    public async Task A_relogin_keeps_the_users_place_and_ends_its_old_tokens()
    {
        var device = await _api.RegisterDevice();
        var (_, email, password) = await _api.RegisterUser();
        var first = await _api.LogIn(device, Api.Password(email, password));
        var other = await _api.NewUserOn(device);

        var second = await _api.LogIn(device, Api.Password(email, password));

        Assert.Equal([first.UserId, other.UserId], (await _api.Users(device))["users"]!.AsArray().Select(u => (string)u!["userId"]!));
        Assert.Equal("session-revoked", await Api.Problem(await _api.Profile(first.AccessToken), HttpStatusCode.Unauthorized));
        Assert.Equal("invalid-session", await Api.Problem(
            await _api.Send(HttpMethod.Post, "/v1/auth/session", first.RefreshToken), HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.OK, (await _api.Profile(second.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task Active_user_is_null_on_a_device_with_nobody_logged_in()
    {
        var device = await _api.RegisterDevice();

        var json = await Api.Json(await _api.Send(HttpMethod.Get, $"/v1/devices/{device.Id}/active-user", device.Token));
        var list = await _api.Users(device);

        Assert.Null(json["user"]);
        Assert.True(json.AsObject().ContainsKey("user"));
        Assert.Null(list["activeUserId"]);
        Assert.Empty(list["users"]!.AsArray());
    }

    [Fact]
    public async Task Switching_hands_out_a_working_token_and_changes_last_active_time()
    {
        var device = await _api.RegisterDevice();
        var a = await _api.NewUserOn(device);
        await _api.NewUserOn(device);
        var before = (string)(await _api.Users(device))["users"]![0]!["lastActiveAt"]!;

        var response = await _api.Send(HttpMethod.Put, $"/v1/devices/{device.Id}/active-user", device.Token, new { userId = a.UserId });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await Api.Json(response);
        Assert.Equal(a.UserId, (string)json["user"]!["userId"]!);
        Assert.Equal("active", (string)json["user"]!["state"]!);
        Assert.NotEqual(before, (string)json["user"]!["lastActiveAt"]!);
        var profile = await _api.Profile(_api.Secret((string)json["accessToken"]!));
        Assert.Equal(a.UserId, (string)(await Api.Json(profile))["userId"]!);
        Assert.Equal(a.UserId, await _api.ActiveUserOf(device));
    }

    [Fact]
    public async Task Switching_to_a_logged_out_or_absent_user_fails_and_keeps_the_active_user()
    {
        var device = await _api.RegisterDevice();
        var a = await _api.NewUserOn(device);
        var b = await _api.NewUserOn(device);
        await _api.Send(HttpMethod.Post, $"/v1/devices/{device.Id}/users/{a.UserId}/logout", device.Token);
        var stranger = await _api.NewUserOn(await _api.RegisterDevice());

        var loggedOut = await _api.Send(HttpMethod.Put, $"/v1/devices/{device.Id}/active-user", device.Token, new { userId = a.UserId });
        var absent = await _api.Send(HttpMethod.Put, $"/v1/devices/{device.Id}/active-user", device.Token, new { userId = stranger.UserId });

        Assert.Equal("user-logged-out", await Api.Problem(loggedOut, HttpStatusCode.Conflict));
        Assert.Equal("user-not-on-device", await Api.Problem(absent, HttpStatusCode.NotFound));
        Assert.Equal(b.UserId, await _api.ActiveUserOf(device));
    }

    [Fact]
    public async Task Logout_keeps_the_user_listed_is_idempotent_and_falls_back()
    {
        var device = await _api.RegisterDevice();
        var a = await _api.NewUserOn(device);
        var b = await _api.NewUserOn(device);
        var c = await _api.NewUserOn(device);
        await _api.Send(HttpMethod.Put, $"/v1/devices/{device.Id}/active-user", device.Token, new { userId = a.UserId });
        await _api.Send(HttpMethod.Put, $"/v1/devices/{device.Id}/active-user", device.Token, new { userId = c.UserId });

        var logout = await _api.Send(HttpMethod.Post, $"/v1/devices/{device.Id}/users/{c.UserId}/logout", device.Token);
        var again = await _api.Send(HttpMethod.Post, $"/v1/devices/{device.Id}/users/{c.UserId}/logout", device.Token);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal("loggedOut", await _api.StateOf(device, c.UserId));
        Assert.Equal(a.UserId, await _api.ActiveUserOf(device));
        Assert.Equal("session-revoked", await Api.Problem(await _api.Profile(c.AccessToken), HttpStatusCode.Unauthorized));

        await _api.Send(HttpMethod.Post, $"/v1/devices/{device.Id}/users/{b.UserId}/logout", device.Token);
        Assert.Equal(a.UserId, await _api.ActiveUserOf(device));
    }

    [Fact]
    public async Task Remove_takes_the_user_off_but_keeps_the_account()
    {
        var device = await _api.RegisterDevice();
        var (_, email, password) = await _api.RegisterUser();
        var a = await _api.LogIn(device, Api.Password(email, password));

        var removed = await _api.Send(HttpMethod.Delete, $"/v1/devices/{device.Id}/users/{a.UserId}", device.Token);
        var again = await _api.Send(HttpMethod.Delete, $"/v1/devices/{device.Id}/users/{a.UserId}", device.Token);
        var logout = await _api.Send(HttpMethod.Post, $"/v1/devices/{device.Id}/users/{a.UserId}/logout", device.Token);

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal("user-not-on-device", await Api.Problem(again, HttpStatusCode.NotFound));
        Assert.Equal("user-not-on-device", await Api.Problem(logout, HttpStatusCode.NotFound));
        Assert.Empty((await _api.Users(device))["users"]!.AsArray());
        Assert.Equal("session-revoked", await Api.Problem(await _api.Profile(a.AccessToken), HttpStatusCode.Unauthorized));
        await _api.LogIn(device, Api.Password(email, password));
    }

    [Fact]
    public async Task An_anonymous_login_is_reused_and_its_logout_deletes_it()
    {
        var device = await _api.RegisterDevice();
        var first = await _api.LogIn(device, Api.Anonymous());
        var second = await _api.LogIn(device, Api.Anonymous());

        Assert.Equal(first.UserId, second.UserId);
        Assert.Equal("anon-user", (string)(await _api.Users(device))["users"]![0]!["providerType"]!);

        await _api.Send(HttpMethod.Post, $"/v1/devices/{device.Id}/users/{first.UserId}/logout", device.Token);

        Assert.Empty((await _api.Users(device))["users"]!.AsArray());
        Assert.Equal("user-not-found", await Api.Problem(
            await _api.Admin(HttpMethod.Get, $"/v1/admin/users/{first.UserId}"), HttpStatusCode.NotFound));
        Assert.NotEqual(first.UserId, (await _api.LogIn(device, Api.Anonymous())).UserId);
    }

    [Fact]
    public async Task A_device_token_opens_its_own_device_only()
    {
        var device = await _api.RegisterDevice();
        var other = await _api.RegisterDevice();
        var (_, email, password) = await _api.RegisterUser();

        foreach (var (path, token) in new[]
        {
            ($"/v1/devices/{device.Id}/users", other.Token),
            ($"/v1/devices/{device.Id}/users", null),
            ($"/v1/devices/{device.Id}/users", "not-a-token"),
            ("/v1/devices/0123456789abcdef01234567/users", device.Token),
            ("/v1/devices/not-an-id/active-user", device.Token),
        })
        {
            Assert.Equal("invalid-device-token", await Api.Problem(await _api.Send(HttpMethod.Get, path, token), HttpStatusCode.Unauthorized));
        }

        var login = await _api.Send(HttpMethod.Post, $"/v1/devices/{device.Id}/login", other.Token, Api.Password(email, password));
        Assert.Equal("invalid-device-token", await Api.Problem(login, HttpStatusCode.Unauthorized));
        Assert.Empty((await _api.Users(device))["users"]!.AsArray());
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_alike_and_change_nothing()
    {
        var device = await _api.RegisterDevice();
        var (_, email, _) = await _api.RegisterUser();

        var wrong = await _api.TryLogIn(device, Api.Password(email, _api.NewPassword()));
        var unknown = await _api.TryLogIn(device, Api.Password(Api.NewEmail(), _api.NewPassword()));

        Assert.Equal("invalid-credentials", await Api.Problem(wrong, HttpStatusCode.Unauthorized));
        Assert.Equal("invalid-credentials", await Api.Problem(unknown, HttpStatusCode.Unauthorized));
        Assert.Empty((await _api.Users(device))["users"]!.AsArray());
    }
}
