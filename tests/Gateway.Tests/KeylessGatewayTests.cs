using System.Net;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>A gateway with no admin key configured keeps the admin API closed, never open.</summary>
[Collection(KeylessGatewayCollection.Name)]
public sealed class KeylessGatewayTests(KeylessGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Every_admin_route_is_closed_whatever_the_bearer()
    {
        var device = await _api.NewDevice();
        var (account, login) = await _api.NewUser(device);

        foreach (var key in new string?[] { null, "", " ", GatewayHost.AdminKey, "null", login.AccessToken })
        {
            await Problem(await _api.Send(HttpMethod.Get, $"/v1/admin/users/{account.UserId}", key), HttpStatusCode.Unauthorized, "invalid-admin-key");
            await Problem(await _api.Send(HttpMethod.Get, $"/v1/admin/users?email={account.Email}", key), HttpStatusCode.Unauthorized, "invalid-admin-key");
            await Problem(await _api.Send(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/revoke-sessions", key),
                HttpStatusCode.Unauthorized, "invalid-admin-key");
            await Problem(await _api.Send(HttpMethod.Delete, $"/v1/admin/users/{account.UserId}", key), HttpStatusCode.Unauthorized, "invalid-admin-key");
            await Problem(await _api.Send(HttpMethod.Get, $"/v1/admin/devices/{device.Id}", key), HttpStatusCode.Unauthorized, "invalid-admin-key");
            await Problem(await _api.Introspect(login.AccessToken, key), HttpStatusCode.Unauthorized, "invalid-admin-key");
        }

        using var emptyBearer = new HttpRequestMessage(HttpMethod.Get, $"/v1/admin/users/{account.UserId}");
        emptyBearer.Headers.TryAddWithoutValidation("Authorization", "Bearer ");
        await Problem(await _api.Http.SendAsync(emptyBearer), HttpStatusCode.Unauthorized, "invalid-admin-key");

        Assert.Equal(account.UserId, (await _api.ProfileOf(login.AccessToken)).GetProperty("userId").GetString());
        Assert.Equal("active", await _api.StateOf(device, account.UserId));
    }
}
