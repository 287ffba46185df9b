using System.Net;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>Changing a password (signed in) and resetting a forgotten one (by a mailed token).</summary>
[Collection(StrictGatewayCollection.Name)]
public sealed class PasswordTests(StrictGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_ends_the_other_sessions()
    {
        var account = await _api.RegisterConfirmed();
        var here = await _api.LogIn(await _api.NewDevice(), account);
        var there = await _api.LogIn(await _api.NewDevice(), account);
        var newPassword = NewPassword();

        await Problem(await _api.ChangePassword(here.AccessToken, NewPassword(), newPassword), HttpStatusCode.Unauthorized, "invalid-credentials");
        await Problem(await _api.ChangePassword(here.AccessToken, account.Password, "short"), HttpStatusCode.BadRequest, "invalid-password");
        await Json(await _api.Profile(there.AccessToken));

        await NoContent(await _api.ChangePassword(here.AccessToken, account.Password, newPassword));

        await Json(await _api.Profile(here.AccessToken));
        await Problem(await _api.Profile(there.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.TryLogIn(await _api.NewDevice(), Password(account)), HttpStatusCode.Unauthorized, "invalid-credentials");
        await _api.LogIn(await _api.NewDevice(), Password(account.Email, newPassword));
    }

    [Fact]
    public async Task A_password_reset_sets_a_new_password_and_ends_every_session()
    {
        var account = await _api.RegisterConfirmed();
        var device = await _api.NewDevice();
        var login = await _api.LogIn(device, account);
        var nobody = NewEmail();

        Assert.Equal(HttpStatusCode.Accepted, (await _api.SendPasswordReset(account.Email)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _api.SendPasswordReset(nobody)).StatusCode);
        var token = await gateway.Emails.ResetTokenOf(account.Email);
        Assert.False(gateway.Emails.HasResetFor(nobody));
        var newPassword = NewPassword();

        await Problem(await _api.ResetPassword(token, "short"), HttpStatusCode.BadRequest, "invalid-password");
        await NoContent(await _api.ResetPassword(token, newPassword));
        await Problem(await _api.ResetPassword(token, NewPassword()), HttpStatusCode.BadRequest, "invalid-token");

        await Problem(await _api.Profile(login.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        Assert.Equal("loggedOut", await _api.StateOf(device, login.UserId));
        await Problem(await _api.TryLogIn(device, Password(account)), HttpStatusCode.Unauthorized, "invalid-credentials");
        await _api.LogIn(device, Password(account.Email, newPassword));
    }
}
