using System.Net;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>
/// A gateway with email confirmation required, no switching without re-authentication, and small devices:
/// pending users, confirmation, and the switch rule's third failure.
/// </summary>
[Collection(StrictGatewayCollection.Name)]
public sealed class StrictGatewayTests(StrictGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    private async Task<Account> RegisterPending()
    {
        var email = NewEmail();
        var password = NewPassword();
        var registered = await Json(await _api.TryRegister(email, password), HttpStatusCode.Created);
        Fields(registered, "userId", "status");
        Assert.Equal("pending", registered.GetProperty("status").GetString());
        return new Account(registered.GetProperty("userId").GetString()!, email, password);
    }

    private async Task<Account> RegisterConfirmed()
    {
        var account = await RegisterPending();
        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/confirm"));
        return account;
    }

    [Fact]
    public async Task A_pending_user_cannot_log_in_until_it_confirms_with_the_mailed_token()
    {
        var device = await _api.NewDevice();
        var account = await RegisterPending();
        Assert.Equal("pending", (await _api.AdminViewOf(account.UserId)).GetProperty("status").GetString());

        await Problem(await _api.TryLogIn(device, Password(account)), HttpStatusCode.Unauthorized, "user-pending");
        await Problem(await _api.TryLogIn(device, Password(account.Email, account.Password + "x")), HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Empty(await _api.UserIds(device));

        var token = gateway.Emails.ConfirmationTokenOf(account.Email);
        await Problem(await _api.Confirm(token + "x"), HttpStatusCode.BadRequest, "invalid-token");
        await Problem(await _api.Confirm(token[..^1]), HttpStatusCode.BadRequest, "invalid-token");
        await Problem(await _api.TryLogIn(device, Password(account)), HttpStatusCode.Unauthorized, "user-pending");

        await NoContent(await _api.Confirm(token));

        Assert.Equal("confirmed", (await _api.AdminViewOf(account.UserId)).GetProperty("status").GetString());
        var login = await _api.LogIn(device, account);
        Assert.Equal(account.UserId, login.UserId);
        Assert.Equal("confirmed", (await _api.ProfileOf(login.AccessToken)).GetProperty("status").GetString());
        await Problem(await _api.Confirm(token), HttpStatusCode.BadRequest, "invalid-token");
    }

    [Fact]
    public async Task The_confirmation_email_goes_to_the_lower_cased_address()
    {
        var local = $"Pending-{Guid.NewGuid():N}";
        var registered = await Json(await _api.TryRegister($"{local}@Example.com", NewPassword()), HttpStatusCode.Created);
        Assert.True(gateway.Emails.HasConfirmationFor($"{local.ToLowerInvariant()}@example.com"));
        Assert.StartsWith(registered.GetProperty("userId").GetString()!, gateway.Emails.ConfirmationTokenOf($"{local.ToLowerInvariant()}@example.com"));
    }

    [Fact]
    public async Task An_admin_confirms_a_pending_user()
    {
        var account = await RegisterPending();
        var token = gateway.Emails.ConfirmationTokenOf(account.Email);

        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/confirm"));

        Assert.Equal(account.UserId, (await _api.LogIn(await _api.NewDevice(), account)).UserId);
        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/confirm"));
        await Problem(await _api.Confirm(token), HttpStatusCode.BadRequest, "invalid-token");
    }

    [Fact]
    public async Task A_pending_user_cannot_be_disabled_but_can_be_deleted()
    {
        var account = await RegisterPending();

        await Problem(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/disable"), HttpStatusCode.Conflict, "user-pending");
        Assert.Equal("pending", (await _api.AdminViewOf(account.UserId)).GetProperty("status").GetString());

        await NoContent(await _api.Admin(HttpMethod.Delete, $"/v1/admin/users/{account.UserId}"));
        await Problem(await _api.AdminUser(account.UserId), HttpStatusCode.NotFound, "user-not-found");
        await Problem(await _api.TryLogIn(await _api.NewDevice(), Password(account)), HttpStatusCode.Unauthorized, "invalid-credentials");
        await Problem(await _api.Confirm(gateway.Emails.ConfirmationTokenOf(account.Email)), HttpStatusCode.BadRequest, "invalid-token");
    }

    [Fact]
    public async Task A_pending_identity_cannot_be_linked()
    {
        var anon = await _api.LogIn(await _api.NewDevice(), Anonymous);
        var pending = await RegisterPending();

        await Problem(await _api.Link(anon.AccessToken, Password(pending)), HttpStatusCode.Unauthorized, "user-pending");
        await Problem(await _api.Link(anon.AccessToken, Password(pending.Email, pending.Password + "x")), HttpStatusCode.Unauthorized, "invalid-credentials");

        Assert.Single((await _api.ProfileOf(anon.AccessToken)).GetProperty("identities").EnumerateArray());
        Assert.Equal("pending", (await _api.AdminViewOf(pending.UserId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Switching_needs_reauthentication_except_to_the_active_user()
    {
        var device = await _api.NewDevice();
        var a = await RegisterConfirmed();
        var b = await RegisterConfirmed();
        var c = await RegisterConfirmed();
        await _api.LogIn(device, a);
        await _api.LogIn(device, b);
        await _api.LogIn(device, c);
        await NoContent(await _api.LogOut(device, a.UserId));
        var stranger = await RegisterConfirmed();
        var before = (await _api.Users(device)).GetRawText();

        // Checked in API.md's order: not on the device, then logged out, then re-authentication.
        await Problem(await _api.Switch(device, stranger.UserId), HttpStatusCode.NotFound, "user-not-on-device");
        await Problem(await _api.Switch(device, a.UserId), HttpStatusCode.Conflict, "user-logged-out");
        await Problem(await _api.Switch(device, b.UserId), HttpStatusCode.Forbidden, "reauthentication-required");
        Assert.Equal(before, (await _api.Users(device)).GetRawText());
        Assert.Equal(c.UserId, await _api.ActiveUserId(device));

        var self = await Json(await _api.Switch(device, c.UserId));
        Assert.Equal("active", self.GetProperty("user").GetProperty("state").GetString());
        await Json(await _api.Profile(self.GetProperty("accessToken").GetString()!));

        // Logging in again is the way to switch.
        await _api.LogIn(device, b);
        Assert.Equal(b.UserId, await _api.ActiveUserId(device));
    }

    [Fact]
    public async Task A_full_device_refuses_a_new_user_but_not_one_it_holds()
    {
        var device = await _api.NewDevice();
        var accounts = new List<Account>();
        for (var i = 0; i < StrictGateway.MaxUsersPerDevice; i++)
        {
            var account = await RegisterConfirmed();
            await _api.LogIn(device, account);
            accounts.Add(account);
        }

        var before = (await _api.Users(device)).GetRawText();
        var extra = await RegisterConfirmed();
        await Problem(await _api.TryLogIn(device, Password(extra)), HttpStatusCode.Conflict, "device-full");
        await Problem(await _api.TryLogIn(device, Anonymous), HttpStatusCode.Conflict, "device-full");
        Assert.Equal(before, (await _api.Users(device)).GetRawText());

        await NoContent(await _api.LogOut(device, accounts[0].UserId));
        await Problem(await _api.TryLogIn(device, Password(extra)), HttpStatusCode.Conflict, "device-full");
        await _api.LogIn(device, accounts[0]);

        await NoContent(await _api.Remove(device, accounts[1].UserId));
        await _api.LogIn(device, extra);
        Assert.Equal([accounts[0].UserId, accounts[2].UserId, extra.UserId], await _api.UserIds(device));
    }
}
