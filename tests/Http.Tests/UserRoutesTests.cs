using System.Net;

namespace OrleansSessions.Http.Tests;

/// <summary>A signed-in user's routes: refresh, log out, profile, sessions, link, delete.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class UserRoutesTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.Api();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task The_profile_shows_the_user()
    {
        var device = await _api.RegisterDevice();
        var (userId, email, password) = await _api.RegisterUser();
        var login = await _api.LogIn(device, Api.Password(email, password));

        var response = await _api.Profile(login.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = await Api.Json(response);
        Assert.Equal(userId, (string)profile["userId"]!);
        Assert.Equal("confirmed", (string)profile["status"]!);
        Assert.Equal(email, (string)profile["email"]!);
        Assert.Equal("local-userpass", (string)profile["identities"]![0]!["providerType"]!);
        Assert.NotNull(profile["identities"]![0]!["id"]);
        Assert.Equal("{}", profile["customData"]!.ToJsonString());
        Assert.NotNull(profile["createdAt"]);
    }

    [Fact]
    public async Task A_refresh_rotates_the_refresh_token_with_a_grace_for_parallel_tabs()
    {
        var login = await _api.NewUserOn(await _api.RegisterDevice());

        var tabs = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _api.Send(HttpMethod.Post, "/v1/auth/session", login.RefreshToken)));
        var bodies = await Task.WhenAll(tabs.Select(Api.Json));

        Assert.All(tabs, t => Assert.Equal(HttpStatusCode.OK, t.StatusCode));
        var successor = _api.Secret((string)bodies[0]["refreshToken"]!);
        Assert.All(bodies, b => Assert.Equal(successor, (string)b["refreshToken"]!));
        Assert.NotEqual(login.RefreshToken, successor);
        Assert.Equal(HttpStatusCode.OK, (await _api.Profile(_api.Secret((string)bodies[0]["accessToken"]!))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.Send(HttpMethod.Post, "/v1/auth/session", successor)).StatusCode);
    }

    [Fact]
    public async Task Logging_out_with_a_refresh_token_ends_the_session_and_is_quiet_the_second_time()
    {
        var device = await _api.RegisterDevice();
        var login = await _api.NewUserOn(device);

        var first = await _api.Send(HttpMethod.Delete, "/v1/auth/session", login.RefreshToken);
        var second = await _api.Send(HttpMethod.Delete, "/v1/auth/session", login.RefreshToken);
        var forged = await _api.Send(HttpMethod.Delete, "/v1/auth/session",
            $"{login.UserId}.{new string('0', 24)}.{new string('x', 43)}");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal("invalid-session", await Api.Problem(forged, HttpStatusCode.Unauthorized));
        Assert.Equal("session-revoked", await Api.Problem(await _api.Profile(login.AccessToken), HttpStatusCode.Unauthorized));
        Assert.Equal("loggedOut", await _api.StateOf(device, login.UserId));
    }

    [Fact]
    public async Task Sessions_are_listed_with_the_current_one_marked_and_can_be_ended_one_by_one()
    {
        var (_, email, password) = await _api.RegisterUser();
        var phone = await _api.RegisterDevice("phone");
        var laptop = await _api.RegisterDevice("laptop");
        var onPhone = await _api.LogIn(phone, Api.Password(email, password));
        var onLaptop = await _api.LogIn(laptop, Api.Password(email, password));

        var sessions = (await Api.Json(await _api.Send(HttpMethod.Get, "/v1/auth/sessions", onPhone.AccessToken)))["sessions"]!.AsArray();

        Assert.Equal(2, sessions.Count);
        var mine = sessions.Single(s => (bool)s!["current"]!)!;
        Assert.Equal(phone.Id, (string)mine["deviceId"]!);
        Assert.Equal("phone", (string)mine["deviceName"]!);
        Assert.NotNull(mine["createdAt"]);
        Assert.NotNull(mine["lastUsedAt"]);
        var theirs = sessions.Single(s => !(bool)s!["current"]!)!;

        var ended = await _api.Send(HttpMethod.Delete, $"/v1/auth/sessions/{(string)theirs["sessionId"]!}", onPhone.AccessToken);
        var missing = await _api.Send(HttpMethod.Delete, $"/v1/auth/sessions/{(string)theirs["sessionId"]!}", onPhone.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal("session-not-found", await Api.Problem(missing, HttpStatusCode.NotFound));
        Assert.Equal("session-revoked", await Api.Problem(await _api.Profile(onLaptop.AccessToken), HttpStatusCode.Unauthorized));
        Assert.Equal("loggedOut", await _api.StateOf(laptop, onLaptop.UserId));
    }

    [Fact]
    public async Task Ending_the_other_sessions_keeps_this_one_and_ending_all_ends_it_too()
    {
        var (_, email, password) = await _api.RegisterUser();
        var devices = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _api.RegisterDevice()));
        var logins = new List<Api.Login>();
        foreach (var device in devices)
        {
            logins.Add(await _api.LogIn(device, Api.Password(email, password)));
        }

        var others = await _api.Send(HttpMethod.Delete, "/v1/auth/sessions?scope=others", logins[0].AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, others.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.Profile(logins[0].AccessToken)).StatusCode);
        Assert.Equal("loggedOut", await _api.StateOf(devices[1], logins[1].UserId));

        var bad = await _api.Send(HttpMethod.Delete, "/v1/auth/sessions?scope=some", logins[0].AccessToken);
        Assert.Equal("validation-failed", await Api.Problem(bad, HttpStatusCode.BadRequest));

        var all = await _api.Send(HttpMethod.Delete, "/v1/auth/sessions", logins[0].AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, all.StatusCode);
        Assert.Equal("session-revoked", await Api.Problem(await _api.Profile(logins[0].AccessToken), HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Deleting_the_account_frees_the_email_and_takes_the_user_off_its_devices()
    {
        var device = await _api.RegisterDevice();
        var (userId, email, password) = await _api.RegisterUser();
        var login = await _api.LogIn(device, Api.Password(email, password));

        var deleted = await _api.Send(HttpMethod.Delete, "/v1/auth/user", login.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty((await _api.Users(device))["users"]!.AsArray());
        Assert.Equal("invalid-credentials", await Api.Problem(await _api.TryLogIn(device, Api.Password(email, password)), HttpStatusCode.Unauthorized));
        var (again, _, _) = await _api.RegisterUser(email);
        Assert.NotEqual(userId, again);
    }

    [Fact]
    public async Task An_anonymous_user_linked_to_an_email_keeps_both_identities_and_survives_logout()
    {
        var device = await _api.RegisterDevice();
        var anonymous = await _api.LogIn(device, Api.Anonymous());
        var (emptyUser, email, password) = await _api.RegisterUser();

        var linked = await _api.Send(HttpMethod.Post, "/v1/auth/identities", anonymous.AccessToken, Api.Password(email, password));

        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var profile = await Api.Json(linked);
        Assert.Equal(anonymous.UserId, (string)profile["userId"]!);
        Assert.Equal(email, (string)profile["email"]!);
        Assert.Equal(["anon-user", "local-userpass"], profile["identities"]!.AsArray().Select(i => (string)i!["providerType"]!));
        Assert.Equal("user-not-found", await Api.Problem(await _api.Admin(HttpMethod.Get, $"/v1/admin/users/{emptyUser}"), HttpStatusCode.NotFound));

        await _api.Send(HttpMethod.Post, $"/v1/devices/{device.Id}/users/{anonymous.UserId}/logout", device.Token);
        Assert.Equal("loggedOut", await _api.StateOf(device, anonymous.UserId));
        Assert.Equal(anonymous.UserId, (await _api.LogIn(device, Api.Password(email, password))).UserId);
        Assert.NotEqual(anonymous.UserId, (await _api.LogIn(await _api.RegisterDevice(), Api.Anonymous())).UserId);
    }

    [Fact]
    public async Task Links_that_cannot_be_made_are_refused()
    {
        var device = await _api.RegisterDevice();
        var (_, email, password) = await _api.RegisterUser();
        var owner = await _api.LogIn(device, Api.Password(email, password));
        var anonymous = await _api.LogIn(await _api.RegisterDevice(), Api.Anonymous());
        var (_, spareEmail, sparePassword) = await _api.RegisterUser();

        Assert.Equal("cannot-link-anonymous", await Api.Problem(
            await _api.Send(HttpMethod.Post, "/v1/auth/identities", owner.AccessToken, Api.Anonymous()), HttpStatusCode.BadRequest));
        Assert.Equal("identity-in-use", await Api.Problem(
            await _api.Send(HttpMethod.Post, "/v1/auth/identities", anonymous.AccessToken, Api.Password(email, password)), HttpStatusCode.Conflict));
        Assert.Equal("identity-in-use", await Api.Problem(
            await _api.Send(HttpMethod.Post, "/v1/auth/identities", owner.AccessToken, Api.Password(email, password)), HttpStatusCode.Conflict));
        Assert.Equal("identity-in-use", await Api.Problem(
            await _api.Send(HttpMethod.Post, "/v1/auth/identities", owner.AccessToken, Api.Password(spareEmail, sparePassword)), HttpStatusCode.Conflict));
        Assert.Equal("invalid-credentials", await Api.Problem(
            await _api.Send(HttpMethod.Post, "/v1/auth/identities", anonymous.AccessToken, Api.Password(spareEmail, _api.NewPassword())), HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions()
    {
        var (_, email, password) = await _api.RegisterUser();
        var here = await _api.LogIn(await _api.RegisterDevice(), Api.Password(email, password));
        var there = await _api.LogIn(await _api.RegisterDevice(), Api.Password(email, password));
        var newPassword = _api.NewPassword();

        var wrong = await _api.Send(HttpMethod.Post, "/v1/auth/password", here.AccessToken, new { currentPassword = _api.NewPassword(), newPassword });
        var weak = await _api.Send(HttpMethod.Post, "/v1/auth/password", here.AccessToken, new { currentPassword = password, newPassword = "short" });
        var changed = await _api.Send(HttpMethod.Post, "/v1/auth/password", here.AccessToken, new { currentPassword = password, newPassword });

        Assert.Equal("invalid-credentials", await Api.Problem(wrong, HttpStatusCode.Unauthorized));
        Assert.Equal("invalid-password", await Api.Problem(weak, HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.Profile(here.AccessToken)).StatusCode);
        Assert.Equal("session-revoked", await Api.Problem(await _api.Profile(there.AccessToken), HttpStatusCode.Unauthorized));
        await _api.LogIn(await _api.RegisterDevice(), Api.Password(email, newPassword));
    }
}
