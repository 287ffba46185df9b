using System.Net;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>Registering and logging in with email and password (no confirmation required).</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class AccountTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Registering_returns_a_confirmed_user_whose_email_is_kept_in_lower_case()
    {
        var local = $"Mixed.Case-{Guid.NewGuid():N}";
        var password = NewPassword();

        var registered = await Json(await _api.TryRegister($"{local}@Example.COM", password), HttpStatusCode.Created);

        Fields(registered, "userId", "status");
        Assert.Equal("confirmed", registered.GetProperty("status").GetString());
        var userId = registered.GetProperty("userId").GetString()!;
        var lower = $"{local.ToLowerInvariant()}@example.com";
        var device = await _api.NewDevice();
        var login = await _api.LogIn(device, Password($"{local.ToUpperInvariant()}@EXAMPLE.com", password));
        Assert.Equal(userId, login.UserId);
        Assert.Equal(lower, (await _api.ProfileOf(login.AccessToken)).GetProperty("email").GetString());
        Assert.Equal(lower, (await _api.Users(device)).GetProperty("users")[0].GetProperty("email").GetString());
        var byEmail = await Json(await _api.Admin(HttpMethod.Get, $"/v1/admin/users?email={Uri.EscapeDataString(lower.ToUpperInvariant())}"));
        Assert.Equal(userId, byEmail.GetProperty("userId").GetString());
        Assert.Equal(lower, byEmail.GetProperty("email").GetString());
    }

    [Fact]
    public async Task An_email_in_use_in_any_case_is_refused_and_the_first_account_is_unchanged()
    {
        var account = await _api.Register();

        await Problem(await _api.TryRegister(account.Email.ToUpperInvariant(), NewPassword()), HttpStatusCode.Conflict, "account-name-in-use");
        await Problem(await _api.TryRegister(account.Email, account.Password), HttpStatusCode.Conflict, "account-name-in-use");

        var device = await _api.NewDevice();
        Assert.Equal(account.UserId, (await _api.LogIn(device, account)).UserId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("two@@example.com")]
    [InlineData("user@localhost")]
    [InlineData("Someone <user@example.com>")]
    public async Task An_invalid_email_is_refused(string email)
    {
        await Problem(await _api.TryRegister(email, NewPassword()), HttpStatusCode.BadRequest, "invalid-email");
    }

    [Fact]
    public async Task A_missing_email_or_password_is_refused()
    {
        await Problem(await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/register", body: new { password = NewPassword() }),
            HttpStatusCode.BadRequest, "invalid-email");
        await Problem(await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/register", body: new { email = NewEmail() }),
            HttpStatusCode.BadRequest, "invalid-password");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(129)]
    [InlineData(1000)]
    public async Task A_password_not_of_6_to_128_characters_is_refused_and_registers_nothing(int length)
    {
        var email = NewEmail();
        await Problem(await _api.TryRegister(email, new string('p', length)), HttpStatusCode.BadRequest, "invalid-password");
        await Problem(await _api.Admin(HttpMethod.Get, $"/v1/admin/users?email={email}"), HttpStatusCode.NotFound, "user-not-found");
        await _api.Register(email);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(128)]
    public async Task A_password_of_6_or_128_characters_is_accepted(int length)
    {
        var account = await _api.Register(password: new string('p', length - 1) + "!");
        Assert.Equal(account.UserId, (await _api.LogIn(await _api.NewDevice(), account)).UserId);
    }

    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_fail_alike_and_change_nothing()
    {
        var device = await _api.NewDevice();
        var (account, login) = await _api.NewUser(device);
        var before = (await _api.Users(device)).GetRawText();

        var unknown = await Problem(await _api.TryLogIn(device, Password(NewEmail(), account.Password)), HttpStatusCode.Unauthorized, "invalid-credentials");
        var wrong = await Problem(await _api.TryLogIn(device, Password(account.Email, account.Password + "x")), HttpStatusCode.Unauthorized, "invalid-credentials");

        Assert.Equal(unknown.GetProperty("detail").GetString(), wrong.GetProperty("detail").GetString());
        Assert.Equal(unknown.GetProperty("title").GetString(), wrong.GetProperty("title").GetString());
        Assert.Equal(before, (await _api.Users(device)).GetRawText());
        await Json(await _api.Profile(login.AccessToken));
        await Json(await _api.Refresh(login.RefreshToken));
    }

    [Fact]
    public async Task Confirming_with_a_bad_token_is_refused()
    {
        var account = await _api.Register();
        await Problem(await _api.Confirm("garbage"), HttpStatusCode.BadRequest, "invalid-token");
        await Problem(await _api.Confirm(""), HttpStatusCode.BadRequest, "invalid-token");
        await Problem(await _api.Confirm($"{account.UserId}.{new string('A', 43)}"), HttpStatusCode.BadRequest, "invalid-token");
        await Problem(await _api.Confirm($"000000000000000000000000.{new string('A', 43)}"), HttpStatusCode.BadRequest, "invalid-token");
        Assert.Equal("confirmed", (await _api.AdminViewOf(account.UserId)).GetProperty("status").GetString());
    }
}
