using System.Net;
using static OrleansSessions.Gateway.Tests.Api;
using static OrleansSessions.Gateway.Tests.ApiKeyCalls;

namespace OrleansSessions.Gateway.Tests;

/// <summary>API keys are off by default: a key login is a bad request, and the key routes are not there.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class ApiKeysOffTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_key_login_is_refused_and_the_key_routes_are_not_found()
    {
        var device = await _api.NewDevice();
        var (account, login) = await _api.NewUser(device);

        await Problem(await _api.TryLogIn(device, KeyLogin(new string('a', 64))), HttpStatusCode.BadRequest, "validation-failed");
        await Problem(await _api.TryCreateKey(login.AccessToken, new { name = "k" }), HttpStatusCode.NotFound, "not-found");
        await Problem(await _api.Send(HttpMethod.Get, UserKeys, login.AccessToken), HttpStatusCode.NotFound, "not-found");
        await Problem(await _api.Admin(HttpMethod.Post, ServerKeys, new { name = "k" }), HttpStatusCode.NotFound, "not-found");
        await Problem(await _api.Admin(HttpMethod.Get, $"/v1/admin/users/{account.UserId}/api-keys"), HttpStatusCode.NotFound, "not-found");
        Assert.Equal("normal", (await _api.ProfileOf(login.AccessToken)).GetProperty("type").GetString());
        Assert.Equal("normal", (await _api.AdminViewOf(account.UserId)).GetProperty("type").GetString());
    }
}
