using System.Net;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>Email confirmation (a gateway that requires it): pending users, the mailed token, an admin's confirm.</summary>
[Collection(StrictGatewayCollection.Name)]
public sealed class ConfirmationTests(StrictGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_pending_user_cannot_log_in_until_it_confirms_with_the_mailed_token()
    {
        var device = await _api.NewDevice();
        var account = await _api.RegisterPending();
        Assert.Equal("pending", (await _api.AdminViewOf(account.UserId)).GetProperty("status").GetString());

        await Problem(await _api.TryLogIn(device, Password(account)), HttpStatusCode.Unauthorized, "user-pending");
        await Problem(await _api.TryLogIn(device, Password(account.Email, account.Password + "x")), HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Empty(await _api.UserIds(device));

        var token = await gateway.Emails.ConfirmationTokenOf(account.Email);
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
    public async Task Registering_an_email_still_pending_replaces_the_registration_so_the_mailbox_confirms_its_owners_password()
    {
        var squatted = await _api.RegisterPending();
        var squattersToken = await gateway.Emails.ConfirmationTokenOf(squatted.Email);

        var owned = await _api.Register(squatted.Email);

        Assert.NotEqual(squatted.UserId, owned.UserId);
        var ownersToken = await gateway.Emails.ConfirmationTokenOf(owned.Email, nth: 2);
        Assert.NotEqual(squattersToken, ownersToken);
        await Problem(await _api.Confirm(squattersToken), HttpStatusCode.BadRequest, "invalid-token");
        await NoContent(await _api.Confirm(ownersToken));
        var device = await _api.NewDevice();
        await Problem(await _api.TryLogIn(device, Password(squatted)), HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Equal(owned.UserId, (await _api.LogIn(device, owned)).UserId);
        await Problem(await _api.TryRegister(owned.Email, NewPassword()), HttpStatusCode.Conflict, "account-name-in-use");
    }

    [Fact]
    public async Task The_confirmation_email_goes_to_the_lower_cased_address()
    {
        var local = $"Pending-{Guid.NewGuid():N}";
        var registered = await Json(await _api.TryRegister($"{local}@Example.com", NewPassword()), HttpStatusCode.Created);
        var token = await gateway.Emails.ConfirmationTokenOf($"{local.ToLowerInvariant()}@example.com");
        Assert.StartsWith(registered.GetProperty("userId").GetString()!, token);
        Assert.False(gateway.Emails.HasConfirmationFor($"{local}@Example.com"));
    }

    [Fact]
    public async Task An_admin_confirms_a_pending_user()
    {
        var account = await _api.RegisterPending();
        var token = await gateway.Emails.ConfirmationTokenOf(account.Email);

        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/confirm"));

        Assert.Equal(account.UserId, (await _api.LogIn(await _api.NewDevice(), account)).UserId);
        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/confirm"));
        await Problem(await _api.Confirm(token), HttpStatusCode.BadRequest, "invalid-token");
    }

    [Fact]
    public async Task A_pending_user_cannot_be_disabled_but_can_be_deleted()
    {
        var account = await _api.RegisterPending();

        await Problem(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/disable"), HttpStatusCode.Conflict, "user-pending");
        Assert.Equal("pending", (await _api.AdminViewOf(account.UserId)).GetProperty("status").GetString());

        await NoContent(await _api.Admin(HttpMethod.Delete, $"/v1/admin/users/{account.UserId}"));
        await Problem(await _api.AdminUser(account.UserId), HttpStatusCode.NotFound, "user-not-found");
        await Problem(await _api.TryLogIn(await _api.NewDevice(), Password(account)), HttpStatusCode.Unauthorized, "invalid-credentials");
        await Problem(await _api.Confirm(await gateway.Emails.ConfirmationTokenOf(account.Email)), HttpStatusCode.BadRequest, "invalid-token");
    }

    [Fact]
    public async Task A_pending_identity_cannot_be_linked()
    {
        var anon = await _api.LogIn(await _api.NewDevice(), Anonymous);
        var pending = await _api.RegisterPending();

        await Problem(await _api.Link(anon.AccessToken, Password(pending)), HttpStatusCode.Unauthorized, "user-pending");
        await Problem(await _api.Link(anon.AccessToken, Password(pending.Email, pending.Password + "x")), HttpStatusCode.Unauthorized, "invalid-credentials");

        Assert.Single((await _api.ProfileOf(anon.AccessToken)).GetProperty("identities").EnumerateArray());
        Assert.Equal("pending", (await _api.AdminViewOf(pending.UserId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_confirmation_is_mailed_again_on_request_and_any_address_gets_the_same_answer()
    {
        var device = await _api.NewDevice();
        var account = await _api.RegisterPending();
        var nobody = NewEmail();

        Assert.Equal(HttpStatusCode.Accepted, (await _api.SendConfirmation(account.Email)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _api.SendConfirmation(nobody)).StatusCode);
        var mailedAgain = await gateway.Emails.ConfirmationTokenOf(account.Email, nth: 2);
        Assert.False(gateway.Emails.HasConfirmationFor(nobody));

        await NoContent(await _api.Confirm(mailedAgain));
        await Problem(await _api.Confirm(mailedAgain), HttpStatusCode.BadRequest, "invalid-token");
        Assert.Equal(account.UserId, (await _api.LogIn(device, account)).UserId);
    }
}
