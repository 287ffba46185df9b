using System.Net;

namespace OrleansSessions.Http.Tests;

/// <summary>
/// A gateway with email confirmation, no switching without re-login, three users per device and a lockout after
/// three failures: the account flows and the limits.
/// </summary>
[Collection(StrictGatewayCollection.Name)]
public sealed class StrictGatewayTests(StrictGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.Api();

    public void Dispose() => _api.Dispose();

    private async Task<(string UserId, string Email, string Password)> RegisterConfirmed()
    {
        var user = await _api.RegisterUser();
        var token = _api.Secret(gateway.Emails.ConfirmationTokenOf(user.Email)!);
        Assert.Equal(HttpStatusCode.NoContent,
            (await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/confirm", body: new { token })).StatusCode);
        return user;
    }

    [Fact]
    public async Task A_pending_account_logs_in_once_confirmed_by_its_single_use_token()
    {
        var device = await _api.RegisterDevice();
        var email = Api.NewEmail();
        var password = _api.NewPassword();
        var registered = await Api.Json(await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/register", body: new { email, password }));
        Assert.Equal("pending", (string)registered["status"]!);

        Assert.Equal("user-pending", await Api.Problem(await _api.TryLogIn(device, Api.Password(email, password)), HttpStatusCode.Unauthorized));
        Assert.Equal("invalid-credentials", await Api.Problem(await _api.TryLogIn(device, Api.Password(email, _api.NewPassword())), HttpStatusCode.Unauthorized));
        Assert.Equal("invalid-token", await Api.Problem(
            await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/confirm", body: new { token = "bogus" }), HttpStatusCode.BadRequest));

        var resend = await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/confirm/send", body: new { email });
        var nobody = await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/confirm/send", body: new { email = Api.NewEmail() });
        Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, nobody.StatusCode);

        var token = _api.Secret(gateway.Emails.ConfirmationTokenOf(email)!);
        var confirm = await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/confirm", body: new { token });
        var again = await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/confirm", body: new { token });

        Assert.Equal(HttpStatusCode.NoContent, confirm.StatusCode);
        Assert.Equal("invalid-token", await Api.Problem(again, HttpStatusCode.BadRequest));
        await _api.LogIn(device, Api.Password(email, password));
    }

    [Fact]
    public async Task An_admin_confirms_a_pending_user_and_cannot_disable_one()
    {
        var (userId, email, password) = await _api.RegisterUser();

        Assert.Equal("user-pending", await Api.Problem(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{userId}/disable"), HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.NoContent, (await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{userId}/confirm")).StatusCode);

        await _api.LogIn(await _api.RegisterDevice(), Api.Password(email, password));
    }

    [Fact]
    public async Task A_password_reset_sets_a_new_password_and_ends_every_session()
    {
        var (_, email, password) = await RegisterConfirmed();
        var device = await _api.RegisterDevice();
        var login = await _api.LogIn(device, Api.Password(email, password));

        Assert.Equal(HttpStatusCode.Accepted, (await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/reset/send", body: new { email })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/reset/send", body: new { email = Api.NewEmail() })).StatusCode);
        var token = _api.Secret(gateway.Emails.ResetTokenOf(email)!);
        var newPassword = _api.NewPassword();

        var weak = await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/reset", body: new { token, password = "short" });
        var reset = await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/reset", body: new { token, password = newPassword });
        var reused = await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/reset", body: new { token, password = newPassword });

        Assert.Equal("invalid-password", await Api.Problem(weak, HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal("invalid-token", await Api.Problem(reused, HttpStatusCode.BadRequest));
        Assert.Equal("session-revoked", await Api.Problem(await _api.Profile(login.AccessToken), HttpStatusCode.Unauthorized));
        Assert.Equal("loggedOut", await _api.StateOf(device, login.UserId));
        Assert.Equal("invalid-credentials", await Api.Problem(await _api.TryLogIn(device, Api.Password(email, password)), HttpStatusCode.Unauthorized));
        await _api.LogIn(device, Api.Password(email, newPassword));
    }

    [Fact]
    public async Task A_device_that_refuses_switching_asks_for_a_login_but_not_for_the_active_user()
    {
        var device = await _api.RegisterDevice();
        var a = await RegisterConfirmed();
        var b = await RegisterConfirmed();
        var first = await _api.LogIn(device, Api.Password(a.Email, a.Password));
        var second = await _api.LogIn(device, Api.Password(b.Email, b.Password));

        var toOther = await _api.Send(HttpMethod.Put, $"/v1/devices/{device.Id}/active-user", device.Token, new { userId = first.UserId });
        var toActive = await _api.Send(HttpMethod.Put, $"/v1/devices/{device.Id}/active-user", device.Token, new { userId = second.UserId });

        Assert.Equal("reauthentication-required", await Api.Problem(toOther, HttpStatusCode.Forbidden));
        Assert.Equal(HttpStatusCode.OK, toActive.StatusCode);
        Assert.Equal(second.UserId, await _api.ActiveUserOf(device));
    }

    [Fact]
    public async Task A_full_device_refuses_one_more_user_but_not_a_user_already_on_it()
    {
        var device = await _api.RegisterDevice();
        var users = new List<(string UserId, string Email, string Password)>();
        for (var i = 0; i < 4; i++)
        {
            users.Add(await RegisterConfirmed());
        }

        foreach (var user in users.Take(3))
        {
            await _api.LogIn(device, Api.Password(user.Email, user.Password));
        }

        var fourth = await _api.TryLogIn(device, Api.Password(users[3].Email, users[3].Password));

        Assert.Equal("device-full", await Api.Problem(fourth, HttpStatusCode.Conflict));
        await _api.LogIn(device, Api.Password(users[0].Email, users[0].Password));
        await _api.Send(HttpMethod.Delete, $"/v1/devices/{device.Id}/users/{users[1].UserId}", device.Token);
        await _api.LogIn(device, Api.Password(users[3].Email, users[3].Password));
    }

    [Fact]
    public async Task Failed_logins_lock_an_account_whether_it_exists_or_not_without_telling_which()
    {
        var device = await _api.RegisterDevice();
        var (_, email, password) = await RegisterConfirmed();
        var unknown = Api.NewEmail();

        foreach (var address in new[] { email, unknown })
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal("invalid-credentials", await Api.Problem(
                    await _api.TryLogIn(device, Api.Password(address, _api.NewPassword())), HttpStatusCode.Unauthorized));
            }

            var locked = await _api.TryLogIn(device, Api.Password(address, password));
            Assert.Equal("rate-limited", await Api.Problem(locked, HttpStatusCode.TooManyRequests));
            Assert.True(int.Parse(locked.Headers.GetValues("Retry-After").Single()) > 0);
        }
    }
}
