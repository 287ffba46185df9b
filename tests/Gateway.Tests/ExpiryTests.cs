using System.Net;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>Access tokens of one second: expiry within SPEC.md's 5 seconds of leeway, and the order tokens are judged in.</summary>
[Collection(ShortTokenGatewayCollection.Name)]
public sealed class ExpiryTests(ShortTokenGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task An_expired_access_token_is_refused_and_the_refresh_token_still_works()
    {
        var device = await _api.NewDevice();
        var (_, live) = await _api.NewUser(device);
        var (ended, endedLogin) = await _api.NewUser(device);
        await NoContent(await _api.LogOut(device, ended.UserId));
        var payload = TokenTests.Payload(live.AccessToken);
        Assert.InRange(payload["exp"]!.GetValue<long>() - payload["iat"]!.GetValue<long>(), 0, 1);
        await Json(await _api.Profile(live.AccessToken)); // verified once, so the gateway remembers it

        // One wait past expiry plus the largest leeway SPEC.md allows (5 s), for every check below.
        await Task.Delay(TimeSpan.FromSeconds(7.5));

        await Problem(await _api.Profile(live.AccessToken), HttpStatusCode.Unauthorized, "token-expired");
        await Problem(await _api.Sessions(live.AccessToken), HttpStatusCode.Unauthorized, "token-expired");
        Assert.False((await Json(await _api.Introspect(live.AccessToken))).GetProperty("active").GetBoolean());

        // Judged in order: a bad signature before expiry, expiry before the session's end.
        await Problem(await _api.Profile(TokenTests.Tampered(live.AccessToken)), HttpStatusCode.Unauthorized, "invalid-token");
        await Problem(await _api.Profile(TokenTests.SignedByAnotherKey(live.AccessToken)), HttpStatusCode.Unauthorized, "invalid-token");
        await Problem(await _api.Profile(endedLogin.AccessToken), HttpStatusCode.Unauthorized, "token-expired");

        // The session itself is live: the device lists the user, and a refresh hands out a working token.
        Assert.Equal("active", await _api.StateOf(device, live.UserId));
        var refreshed = await Json(await _api.Refresh(live.RefreshToken));
        var access = refreshed.GetProperty("accessToken").GetString()!;
        Assert.Equal(live.UserId, (await _api.ProfileOf(access)).GetProperty("userId").GetString());
        Assert.True((await Json(await _api.Introspect(access))).GetProperty("active").GetBoolean());
    }
}
