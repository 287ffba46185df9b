using System.Net;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>Devices on a gateway that refuses switching without re-login and holds at most three users a device.</summary>
[Collection(StrictGatewayCollection.Name)]
public sealed class StrictDeviceTests(StrictGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Switching_needs_reauthentication_except_to_the_active_user()
    {
        var device = await _api.NewDevice();
        var a = await _api.RegisterConfirmed();
        var b = await _api.RegisterConfirmed();
        var c = await _api.RegisterConfirmed();
        await _api.LogIn(device, a);
        await _api.LogIn(device, b);
        await _api.LogIn(device, c);
        await NoContent(await _api.LogOut(device, a.UserId));
        var stranger = await _api.RegisterConfirmed();
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
            var account = await _api.RegisterConfirmed();
            await _api.LogIn(device, account);
            accounts.Add(account);
        }

        var before = (await _api.Users(device)).GetRawText();
        var extra = await _api.RegisterConfirmed();
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
