using System.Net;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>What clients do at once: tabs refreshing together, parallel logins on one device.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class ConcurrencyTests(DefaultGateway gateway) : IDisposable
{
    private const int Parallel = 6;

    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Tabs_refreshing_with_one_token_at_once_are_not_signed_out()
    {
        var device = await _api.NewDevice();
        var (account, login) = await _api.NewUser(device);

        var answers = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(async _ => await Json(await _api.Refresh(login.RefreshToken))));

        foreach (var answer in answers)
        {
            Assert.Equal(account.UserId, (await _api.ProfileOf(answer.GetProperty("accessToken").GetString()!)).GetProperty("userId").GetString());
        }

        // Every refresh rotates the token; tabs within the reuse grace all get the one successor.
        var successor = Assert.Single(answers.Select(a => a.GetProperty("refreshToken").GetString()!).Distinct());
        Assert.NotEqual(login.RefreshToken, successor);
        await Json(await _api.Refresh(successor));
        Assert.Equal("active", await _api.StateOf(device, account.UserId));
    }

    [Fact]
    public async Task Parallel_anonymous_logins_on_one_device_make_one_user_with_one_live_session()
    {
        for (var round = 0; round < 20; round++)
        {
            var device = await _api.NewDevice();

            var logins = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => _api.LogIn(device, Anonymous)));

            var listed = (await _api.Users(device)).GetRawText();
            Assert.True(logins.Select(l => l.UserId).Distinct().Count() == 1, $"round {round}: {listed}");
            Assert.Equal([logins[0].UserId], await _api.UserIds(device));
            Assert.Equal(logins[0].UserId, await _api.ActiveUserId(device));
            Assert.Equal(1, await CountLive(logins));
        }
    }

    [Fact]
    public async Task Parallel_logins_of_one_user_on_one_device_leave_one_live_session()
    {
        var device = await _api.NewDevice();
        var account = await _api.Register();

        var logins = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => _api.LogIn(device, account)));

        Assert.Equal([account.UserId], await _api.UserIds(device));
        Assert.Equal("active", await _api.StateOf(device, account.UserId));
        Assert.Equal(1, await CountLive(logins));
        Assert.Single((await _api.AdminViewOf(account.UserId)).GetProperty("sessions").EnumerateArray());
    }

    [Fact]
    public async Task Parallel_logins_of_several_users_list_each_once_with_one_active()
    {
        var device = await _api.NewDevice();
        var accounts = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => _api.Register()));

        var logins = await Task.WhenAll(accounts.Select(a => _api.LogIn(device, a)));

        Assert.Equal(accounts.Select(a => a.UserId).Order(), (await _api.UserIds(device)).Order());
        var users = (await _api.Users(device)).GetProperty("users").EnumerateArray().ToList();
        Assert.Single(users, u => u.GetProperty("state").GetString() == "active");
        Assert.Equal(Parallel - 1, users.Count(u => u.GetProperty("state").GetString() == "inactive"));
        Assert.Equal(Parallel, await CountLive(logins));

        var switches = await Task.WhenAll(accounts.Select(a => _api.Switch(device, a.UserId)));
        Assert.All(switches, s => Assert.Equal(HttpStatusCode.OK, s.StatusCode));
        users = [.. (await _api.Users(device)).GetProperty("users").EnumerateArray()];
        Assert.Single(users, u => u.GetProperty("state").GetString() == "active");
    }

    [Fact]
    public async Task The_defaults_let_one_address_log_in_over_100_times_a_second_and_one_account_any_number_of_times()
    {
        var devices = await Task.WhenAll(Enumerable.Range(0, 150).Select(_ => _api.NewDevice()));

        var started = DateTimeOffset.UtcNow;
        var answers = await Task.WhenAll(devices.Select(d => _api.TryLogIn(d, Anonymous)));
        var elapsed = DateTimeOffset.UtcNow - started;

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"150 logins took {elapsed}");

        var device = await _api.NewDevice();
        var account = await _api.Register();
        for (var i = 0; i < 15; i++)
        {
            await _api.LogIn(device, account);
        }
    }

    private async Task<int> CountLive(IEnumerable<Login> logins)
    {
        var live = 0;
        foreach (var login in logins)
        {
            var response = await _api.Profile(login.AccessToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                live++;
            }
            else
            {
                await Problem(response, HttpStatusCode.Unauthorized, "session-revoked");
            }
        }

        return live;
    }
}
