using System.Net;
using System.Text.Json;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>Linking another identity to the signed-in user (SPEC.md, "Link").</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class LinkTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task An_anonymous_user_links_an_email_identity_and_is_kept_from_then_on()
    {
        var device = await _api.NewDevice();
        var anon = await _api.LogIn(device, Anonymous);
        var account = await _api.Register();

        var linked = await Json(await _api.Link(anon.AccessToken, Password(account)));

        Fields(linked, "userId", "status", "email", "identities", "customData", "createdAt", "metadata");
        Assert.Equal(anon.UserId, linked.GetProperty("userId").GetString());
        Assert.Equal(account.Email, linked.GetProperty("email").GetString());
        Assert.Equal(
            ["anon-user", "local-userpass"],
            linked.GetProperty("identities").EnumerateArray().Select(i => i.GetProperty("providerType").GetString()!).Order().ToArray());
        Assert.Equal(linked.GetRawText(), (await _api.ProfileOf(anon.AccessToken)).GetRawText());

        // The empty account made at registration is gone; the email now reaches the linked user.
        await Problem(await _api.AdminUser(account.UserId), HttpStatusCode.NotFound, "user-not-found");
        var byEmail = await Json(await _api.Admin(HttpMethod.Get, $"/v1/admin/users?email={account.Email}"));
        Assert.Equal(anon.UserId, byEmail.GetProperty("userId").GetString());
        var listed = (await _api.Users(device)).GetProperty("users")[0];
        Assert.Equal(account.Email, listed.GetProperty("email").GetString());
        Assert.Equal("anon-user", listed.GetProperty("providerType").GetString());

        // No longer anonymous: logging out keeps it, an anonymous login makes someone new.
        await NoContent(await _api.LogOut(device, anon.UserId));
        Assert.Equal("loggedOut", await _api.StateOf(device, anon.UserId));
        Assert.Equal(anon.UserId, (await _api.AdminViewOf(anon.UserId)).GetProperty("userId").GetString());
        var fresh = await _api.LogIn(device, Anonymous);
        Assert.NotEqual(anon.UserId, fresh.UserId);

        // The email logs in to the same user.
        var again = await _api.LogIn(device, account);
        Assert.Equal(anon.UserId, again.UserId);
        Assert.Equal([anon.UserId, fresh.UserId], await _api.UserIds(device));
        Assert.Equal(anon.UserId, await _api.ActiveUserId(device));
    }

    [Fact]
    public async Task A_linked_user_that_deletes_itself_frees_the_linked_email()
    {
        var device = await _api.NewDevice();
        var anon = await _api.LogIn(device, Anonymous);
        var account = await _api.Register();
        await Json(await _api.Link(anon.AccessToken, Password(account)));

        await NoContent(await _api.Send(HttpMethod.Delete, "/v1/auth/user", anon.AccessToken));

        await Problem(await _api.TryLogIn(device, Password(account)), HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Empty(await _api.UserIds(device));
        var again = await _api.Register(account.Email);
        Assert.NotEqual(anon.UserId, again.UserId);
        Assert.Equal(again.UserId, (await _api.LogIn(device, again)).UserId);
    }

    [Fact]
    public async Task Anonymous_credentials_cannot_be_linked()
    {
        var (_, login) = await _api.NewUser(await _api.NewDevice());
        var before = (await _api.ProfileOf(login.AccessToken)).GetRawText();

        await Problem(await _api.Link(login.AccessToken, Anonymous), HttpStatusCode.BadRequest, "cannot-link-anonymous");

        var anon = await _api.LogIn(await _api.NewDevice(), Anonymous);
        await Problem(await _api.Link(anon.AccessToken, Anonymous), HttpStatusCode.BadRequest, "cannot-link-anonymous");
        Assert.Equal(before, (await _api.ProfileOf(login.AccessToken)).GetRawText());
    }

    [Fact]
    public async Task A_user_with_an_email_identity_cannot_link_another_and_the_other_account_is_untouched()
    {
        var (_, login) = await _api.NewUser(await _api.NewDevice());
        var other = await _api.Register();
        var before = (await _api.ProfileOf(login.AccessToken)).GetRawText();

        await Problem(await _api.Link(login.AccessToken, Password(other)), HttpStatusCode.Conflict, "identity-in-use");

        Assert.Equal(before, (await _api.ProfileOf(login.AccessToken)).GetRawText());
        Assert.Equal(other.UserId, (await _api.LogIn(await _api.NewDevice(), other)).UserId);
    }

    [Fact]
    public async Task A_user_cannot_link_the_identity_it_has()
    {
        var (account, login) = await _api.NewUser(await _api.NewDevice());
        await Problem(await _api.Link(login.AccessToken, Password(account)), HttpStatusCode.Conflict, "identity-in-use");
        Assert.Single((await _api.ProfileOf(login.AccessToken)).GetProperty("identities").EnumerateArray());
    }

    [Fact]
    public async Task An_identity_that_has_logged_in_belongs_to_its_user()
    {
        var anon = await _api.LogIn(await _api.NewDevice(), Anonymous);
        var (owner, ownerLogin) = await _api.NewUser(await _api.NewDevice());
        var before = (await _api.ProfileOf(anon.AccessToken)).GetRawText();

        await Problem(await _api.Link(anon.AccessToken, Password(owner)), HttpStatusCode.Conflict, "identity-in-use");

        Assert.Equal(before, (await _api.ProfileOf(anon.AccessToken)).GetRawText());
        Assert.Equal(owner.Email, (await _api.ProfileOf(ownerLogin.AccessToken)).GetProperty("email").GetString());
        Assert.Equal(owner.UserId, (await _api.LogIn(await _api.NewDevice(), owner)).UserId);
    }

    [Fact]
    public async Task Credentials_that_do_not_log_in_cannot_be_linked()
    {
        var anon = await _api.LogIn(await _api.NewDevice(), Anonymous);
        var account = await _api.Register();

        await Problem(await _api.Link(anon.AccessToken, Password(account.Email, account.Password + "x")),
            HttpStatusCode.Unauthorized, "invalid-credentials");
        await Problem(await _api.Link(anon.AccessToken, Password(NewEmail(), account.Password)),
            HttpStatusCode.Unauthorized, "invalid-credentials");

        var profile = await _api.ProfileOf(anon.AccessToken);
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("email").ValueKind);
        Assert.Equal(account.UserId, (await _api.AdminViewOf(account.UserId)).GetProperty("userId").GetString());
    }

    [Fact]
    public async Task Link_bodies_that_name_no_usable_provider_are_refused()
    {
        var anon = await _api.LogIn(await _api.NewDevice(), Anonymous);
        await Problem(await _api.Link(anon.AccessToken, new { provider = "custom-token", token = "a.b.c" }), HttpStatusCode.BadRequest, "validation-failed");
        await Problem(await _api.Link(anon.AccessToken, new { provider = "facebook" }), HttpStatusCode.BadRequest, "validation-failed");
        await Problem(await _api.Link(anon.AccessToken, new { email = NewEmail(), password = NewPassword() }), HttpStatusCode.BadRequest, "validation-failed");
        await Problem(await _api.Link(anon.AccessToken, new { provider = "local-userpass", email = NewEmail() }), HttpStatusCode.BadRequest, "validation-failed");
        await Problem(await _api.Link(anon.AccessToken, Raw("{")), HttpStatusCode.BadRequest, "validation-failed");
        Assert.Single((await _api.ProfileOf(anon.AccessToken)).GetProperty("identities").EnumerateArray());
    }
}
