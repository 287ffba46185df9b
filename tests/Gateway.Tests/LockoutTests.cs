using System.Net;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>The lockout after repeated failed logins (three, on this gateway).</summary>
[Collection(StrictGatewayCollection.Name)]
public sealed class LockoutTests(StrictGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Failed_logins_lock_an_account_whether_it_exists_or_not_without_telling_which()
    {
        var device = await _api.NewDevice();
        var account = await _api.RegisterConfirmed();

        foreach (var email in new[] { account.Email, NewEmail() })
        {
            for (var i = 0; i < StrictGateway.MaxFailures; i++)
            {
                await Problem(await _api.TryLogIn(device, Password(email, NewPassword())), HttpStatusCode.Unauthorized, "invalid-credentials");
            }

            var locked = await _api.TryLogIn(device, Password(email, account.Password));
            await Problem(locked, HttpStatusCode.TooManyRequests, "rate-limited");
            Assert.True(int.Parse(locked.Headers.GetValues("Retry-After").Single()) > 0);
        }

        Assert.Empty(await _api.UserIds(device));
    }

    [Fact]
    public async Task Wrong_current_passwords_count_with_the_failed_logins_and_lock_both()
    {
        var device = await _api.NewDevice();
        var account = await _api.RegisterConfirmed();
        var login = await _api.LogIn(device, account);

        for (var i = 0; i < StrictGateway.MaxFailures; i++)
        {
            await Problem(await _api.ChangePassword(login.AccessToken, NewPassword(), NewPassword()), HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        await Problem(await _api.ChangePassword(login.AccessToken, account.Password, NewPassword()), HttpStatusCode.TooManyRequests, "rate-limited");
        await Problem(await _api.TryLogIn(await _api.NewDevice(), Password(account)), HttpStatusCode.TooManyRequests, "rate-limited");
    }
}
