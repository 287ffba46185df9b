using System.Net;
using System.Text.Json;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>A signed-in user's routes: profile, sessions, its account, refresh and log out with a refresh token.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class UserTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task The_profile_has_the_contract_fields()
    {
        var (account, login) = await _api.NewUser(await _api.NewDevice());

        var profile = await _api.ProfileOf(login.AccessToken);

        Fields(profile, "userId", "status", "email", "identities", "customData", "createdAt", "metadata");
        Assert.Equal(account.UserId, profile.GetProperty("userId").GetString());
        Assert.Equal("confirmed", profile.GetProperty("status").GetString());
        Assert.Equal(account.Email, profile.GetProperty("email").GetString());
        var identity = Assert.Single(profile.GetProperty("identities").EnumerateArray());
        Fields(identity, "providerType", "id");
        Assert.Equal("local-userpass", identity.GetProperty("providerType").GetString());
        Assert.False(string.IsNullOrEmpty(identity.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Object, profile.GetProperty("customData").ValueKind);
        Assert.Empty(profile.GetProperty("customData").EnumerateObject());
        Assert.InRange(Utc(profile.GetProperty("createdAt")), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task The_sessions_list_each_device_and_mark_the_current_one()
    {
        var phone = await _api.NewDevice("phone");
        var laptop = await _api.NewDevice("laptop");
        var (account, onPhone) = await _api.NewUser(phone);
        var onLaptop = await _api.LogIn(laptop, account);

        var sessions = (await Json(await _api.Sessions(onLaptop.AccessToken))).GetProperty("sessions").EnumerateArray().ToList();

        Assert.Equal(2, sessions.Count);
        foreach (var session in sessions)
        {
            Fields(session, "sessionId", "deviceId", "deviceName", "createdAt", "lastUsedAt", "current");
            Utc(session.GetProperty("createdAt"));
            Utc(session.GetProperty("lastUsedAt"));
        }

        var current = Assert.Single(sessions, s => s.GetProperty("current").GetBoolean());
        Assert.Equal(laptop.Id, current.GetProperty("deviceId").GetString());
        Assert.Equal("laptop", current.GetProperty("deviceName").GetString());
        var other = Assert.Single(sessions, s => !s.GetProperty("current").GetBoolean());
        Assert.Equal(phone.Id, other.GetProperty("deviceId").GetString());
        Assert.Equal("phone", other.GetProperty("deviceName").GetString());

        var fromPhone = (await Json(await _api.Sessions(onPhone.AccessToken))).GetProperty("sessions");
        Assert.Equal(phone.Id, fromPhone.EnumerateArray().Single(s => s.GetProperty("current").GetBoolean()).GetProperty("deviceId").GetString());
    }

    [Fact]
    public async Task Ending_one_session_logs_the_user_out_of_that_device()
    {
        var phone = await _api.NewDevice();
        var laptop = await _api.NewDevice();
        var (account, onPhone) = await _api.NewUser(phone);
        var onLaptop = await _api.LogIn(laptop, account);
        var phoneSession = await SessionIdOn(onLaptop.AccessToken, phone.Id);

        await NoContent(await _api.Send(HttpMethod.Delete, $"/v1/auth/sessions/{phoneSession}", onLaptop.AccessToken));

        Assert.Equal("loggedOut", await _api.StateOf(phone, account.UserId));
        Assert.Null(await _api.ActiveUserId(phone));
        await Problem(await _api.Profile(onPhone.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.Refresh(onPhone.RefreshToken), HttpStatusCode.Unauthorized, "invalid-session");
        Assert.Equal("active", await _api.StateOf(laptop, account.UserId));
        await Problem(await _api.Send(HttpMethod.Delete, $"/v1/auth/sessions/{phoneSession}", onLaptop.AccessToken),
            HttpStatusCode.NotFound, "session-not-found");
    }

    [Fact]
    public async Task Ending_a_session_that_is_not_the_users_fails_and_leaves_it_live()
    {
        var device = await _api.NewDevice();
        var (_, mine) = await _api.NewUser(device);
        var (_, theirs) = await _api.NewUser(await _api.NewDevice());
        var theirSession = await SessionIdOn(theirs.AccessToken, theirs.DeviceId);

        await Problem(await _api.Send(HttpMethod.Delete, $"/v1/auth/sessions/{theirSession}", mine.AccessToken),
            HttpStatusCode.NotFound, "session-not-found");
        await Problem(await _api.Send(HttpMethod.Delete, "/v1/auth/sessions/000000000000000000000000", mine.AccessToken),
            HttpStatusCode.NotFound, "session-not-found");
        await Problem(await _api.Send(HttpMethod.Delete, "/v1/auth/sessions/nonsense", mine.AccessToken),
            HttpStatusCode.NotFound, "session-not-found");

        await Json(await _api.Profile(theirs.AccessToken));
        await Json(await _api.Profile(mine.AccessToken));
    }

    [Fact]
    public async Task Ending_the_other_sessions_keeps_this_one()
    {
        var (account, here, there, hereLogin, thereLogin) = await UserOnTwoDevices();

        await NoContent(await _api.Send(HttpMethod.Delete, "/v1/auth/sessions?scope=others", hereLogin.AccessToken));

        await Json(await _api.Profile(hereLogin.AccessToken));
        Assert.Equal("active", await _api.StateOf(here, account.UserId));
        await Problem(await _api.Profile(thereLogin.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        Assert.Equal("loggedOut", await _api.StateOf(there, account.UserId));
        var sessions = (await Json(await _api.Sessions(hereLogin.AccessToken))).GetProperty("sessions");
        Assert.True(Assert.Single(sessions.EnumerateArray()).GetProperty("current").GetBoolean());
    }

    [Theory]
    [InlineData("?scope=all")]
    [InlineData("")]
    public async Task Ending_all_sessions_ends_this_one_too(string query)
    {
        var (account, here, there, hereLogin, thereLogin) = await UserOnTwoDevices();

        await NoContent(await _api.Send(HttpMethod.Delete, $"/v1/auth/sessions{query}", hereLogin.AccessToken));

        await Problem(await _api.Profile(hereLogin.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.Profile(thereLogin.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        Assert.Equal("loggedOut", await _api.StateOf(here, account.UserId));
        Assert.Equal("loggedOut", await _api.StateOf(there, account.UserId));
        Assert.Empty((await _api.AdminViewOf(account.UserId)).GetProperty("sessions").EnumerateArray());
        await _api.LogIn(here, account);
    }

    [Fact]
    public async Task An_unknown_scope_is_refused_and_ends_nothing()
    {
        var (_, _, _, hereLogin, thereLogin) = await UserOnTwoDevices();
        await Problem(await _api.Send(HttpMethod.Delete, "/v1/auth/sessions?scope=everything", hereLogin.AccessToken),
            HttpStatusCode.BadRequest, "validation-failed");
        await Json(await _api.Profile(hereLogin.AccessToken));
        await Json(await _api.Profile(thereLogin.AccessToken));
    }

    [Fact]
    public async Task Deleting_the_account_ends_everything_and_frees_the_email()
    {
        var (account, here, there, hereLogin, thereLogin) = await UserOnTwoDevices();
        var (neighbour, _) = await _api.NewUser(here);

        await NoContent(await _api.Send(HttpMethod.Delete, "/v1/auth/user", hereLogin.AccessToken));

        await Problem(await _api.Profile(hereLogin.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.Profile(thereLogin.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.Refresh(thereLogin.RefreshToken), HttpStatusCode.Unauthorized, "invalid-session");
        Assert.Equal([neighbour.UserId], await _api.UserIds(here));
        Assert.Empty(await _api.UserIds(there));
        await Problem(await _api.TryLogIn(here, Password(account)), HttpStatusCode.Unauthorized, "invalid-credentials");
        await Problem(await _api.AdminUser(account.UserId), HttpStatusCode.NotFound, "user-not-found");
        await Problem(await _api.Admin(HttpMethod.Get, $"/v1/admin/users?email={account.Email}"), HttpStatusCode.NotFound, "user-not-found");
        await Problem(await _api.Switch(here, account.UserId), HttpStatusCode.NotFound, "user-not-on-device");

        var again = await _api.Register(account.Email, NewPassword());
        Assert.NotEqual(account.UserId, again.UserId);
        var login = await _api.LogIn(there, again);
        Assert.Equal(again.UserId, login.UserId);
        await Problem(await _api.TryLogIn(here, Password(account)), HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    [Fact]
    public async Task Refreshing_hands_out_a_new_access_token()
    {
        var device = await _api.NewDevice();
        var (account, login) = await _api.NewUser(device);

        var refreshed = await Json(await _api.Refresh(login.RefreshToken));

        var names = refreshed.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("accessToken", names);
        Assert.All(names, name => Assert.Contains(name, new[] { "accessToken", "refreshToken" }));
        var access = refreshed.GetProperty("accessToken").GetString()!;
        Assert.Equal(account.UserId, (await _api.ProfileOf(access)).GetProperty("userId").GetString());
        var next = refreshed.TryGetProperty("refreshToken", out var rotated) ? rotated.GetString()! : login.RefreshToken;

        var again = await Json(await _api.Refresh(next));
        await Json(await _api.Profile(again.GetProperty("accessToken").GetString()!));
        Assert.Equal("active", await _api.StateOf(device, account.UserId));
    }

    [Fact]
    public async Task A_refresh_token_that_was_never_valid_is_refused()
    {
        var (account, login) = await _api.NewUser(await _api.NewDevice());
        var sessionId = await SessionIdOn(login.AccessToken, login.DeviceId);
        string[] refused =
        [
            "garbage",
            $"{account.UserId}.{sessionId}.{new string('A', 43)}",
            $"{account.UserId}.000000000000000000000000.{new string('A', 43)}",
            $"000000000000000000000000.000000000000000000000000.{new string('A', 43)}",
        ];

        foreach (var token in refused)
        {
            await Problem(await _api.Refresh(token), HttpStatusCode.Unauthorized, "invalid-session");
            await Problem(await _api.EndSessionWithRefreshToken(token), HttpStatusCode.Unauthorized, "invalid-session");
        }

        await Problem(await _api.Send(HttpMethod.Post, "/v1/auth/session"), HttpStatusCode.Unauthorized, "invalid-session");
        await Problem(await _api.Send(HttpMethod.Delete, "/v1/auth/session"), HttpStatusCode.Unauthorized, "invalid-session");
        await Json(await _api.Profile(login.AccessToken));
    }

    [Fact]
    public async Task Logging_out_with_the_refresh_token_ends_that_session_and_succeeds_again_after()
    {
        var device = await _api.NewDevice();
        var (account, login) = await _api.NewUser(device);
        var (other, _) = await _api.NewUser(device);
        await Json(await _api.Switch(device, account.UserId));

        await NoContent(await _api.EndSessionWithRefreshToken(login.RefreshToken));

        await Problem(await _api.Profile(login.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.Refresh(login.RefreshToken), HttpStatusCode.Unauthorized, "invalid-session");
        Assert.Equal("loggedOut", await _api.StateOf(device, account.UserId));
        Assert.Equal(other.UserId, await _api.ActiveUserId(device));
        await NoContent(await _api.EndSessionWithRefreshToken(login.RefreshToken));

        // A session that ended otherwise (a re-login replaced it) logs out quietly too.
        var first = await _api.LogIn(device, account);
        await _api.LogIn(device, account);
        await NoContent(await _api.EndSessionWithRefreshToken(first.RefreshToken));
        Assert.Equal("active", await _api.StateOf(device, account.UserId));
    }

    [Fact]
    public async Task Logging_out_with_a_refresh_token_the_session_rotated_away_succeeds_after_it_ended()
    {
        var device = await _api.NewDevice();
        var (account, login) = await _api.NewUser(device);
        var refreshed = await Json(await _api.Refresh(login.RefreshToken));
        var successor = refreshed.TryGetProperty("refreshToken", out var next) ? next.GetString()! : login.RefreshToken;

        await NoContent(await _api.EndSessionWithRefreshToken(successor));

        Assert.Equal("loggedOut", await _api.StateOf(device, account.UserId));
        await NoContent(await _api.EndSessionWithRefreshToken(login.RefreshToken));
        await NoContent(await _api.EndSessionWithRefreshToken(successor));
    }

    [Fact]
    public async Task Logging_out_with_the_refresh_token_succeeds_after_an_admin_ended_the_session()
    {
        var device = await _api.NewDevice();
        var (revoked, revokedLogin) = await _api.NewUser(device);
        var (deleted, deletedLogin) = await _api.NewUser(device);

        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{revoked.UserId}/revoke-sessions"));
        await NoContent(await _api.Admin(HttpMethod.Delete, $"/v1/admin/users/{deleted.UserId}"));

        await NoContent(await _api.EndSessionWithRefreshToken(revokedLogin.RefreshToken));
        await NoContent(await _api.EndSessionWithRefreshToken(deletedLogin.RefreshToken));
        Assert.Equal("loggedOut", await _api.StateOf(device, revoked.UserId));
    }

    [Fact]
    public async Task Every_user_route_refuses_a_missing_or_invalid_access_token()
    {
        foreach (var token in new string?[] { null, "garbage" })
        {
            await Problem(await _api.Send(HttpMethod.Get, "/v1/auth/profile", token), HttpStatusCode.Unauthorized, "invalid-token");
            await Problem(await _api.Send(HttpMethod.Get, "/v1/auth/sessions", token), HttpStatusCode.Unauthorized, "invalid-token");
            await Problem(await _api.Send(HttpMethod.Delete, "/v1/auth/sessions/000000000000000000000000", token),
                HttpStatusCode.Unauthorized, "invalid-token");
            await Problem(await _api.Send(HttpMethod.Delete, "/v1/auth/sessions?scope=others", token), HttpStatusCode.Unauthorized, "invalid-token");
            await Problem(await _api.Send(HttpMethod.Delete, "/v1/auth/user", token), HttpStatusCode.Unauthorized, "invalid-token");
            await Problem(await _api.Send(HttpMethod.Post, "/v1/auth/identities", token, Anonymous), HttpStatusCode.Unauthorized, "invalid-token");
        }
    }

    [Fact]
    public async Task Every_user_route_refuses_the_token_of_an_ended_session()
    {
        var device = await _api.NewDevice();
        var (account, login) = await _api.NewUser(device);
        await NoContent(await _api.LogOut(device, account.UserId));

        await Problem(await _api.Profile(login.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.Sessions(login.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.Send(HttpMethod.Delete, "/v1/auth/sessions?scope=all", login.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.Send(HttpMethod.Delete, "/v1/auth/user", login.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.Link(login.AccessToken, Password(await _api.Register())), HttpStatusCode.Unauthorized, "session-revoked");

        Assert.Equal("confirmed", (await _api.AdminViewOf(account.UserId)).GetProperty("status").GetString());
        Assert.Equal(account.UserId, (await _api.LogIn(device, account)).UserId);
    }

    private async Task<string> SessionIdOn(string accessToken, string deviceId) =>
        (await Json(await _api.Sessions(accessToken))).GetProperty("sessions").EnumerateArray()
        .Single(s => s.GetProperty("deviceId").GetString() == deviceId).GetProperty("sessionId").GetString()!;

    private async Task<(Account Account, Device Here, Device There, Login HereLogin, Login ThereLogin)> UserOnTwoDevices()
    {
        var here = await _api.NewDevice();
        var there = await _api.NewDevice();
        var (account, hereLogin) = await _api.NewUser(here);
        var thereLogin = await _api.LogIn(there, account);
        return (account, here, there, hereLogin, thereLogin);
    }
}
