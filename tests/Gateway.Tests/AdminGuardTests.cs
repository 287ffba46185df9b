using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OrleansSessions.Abstractions;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>
/// One guard on the admin group: every route the gateway maps under <c>/v1/admin</c>, read from its endpoint data
/// source (so a route added later is covered too), refuses a missing or wrong key before it reads anything.
/// </summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class AdminGuardTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Every_admin_route_refuses_a_missing_or_wrong_key()
    {
        var routes = AdminRoutes();
        Assert.True(routes.Count >= 11, $"only {routes.Count} admin routes found");

        var device = await _api.NewDevice();
        var (account, _) = await _api.NewUser(device);
        foreach (var (method, pattern) in routes)
        {
            var path = pattern.Replace("{userId}", account.UserId).Replace("{deviceId}", device.Id);
            path = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", Ids.New());
            foreach (var key in new[] { null, "wrong-key", GatewayHost.AdminKey + "x", GatewayHost.AdminKey[..^1] })
            {
                var refused = await _api.Send(new HttpMethod(method), path, key);
                await Problem(refused, HttpStatusCode.Unauthorized, "invalid-admin-key");
            }
        }

        Assert.Equal("active", await _api.StateOf(device, account.UserId));
        Assert.Equal(HttpStatusCode.OK, (await _api.Send(HttpMethod.Get, $"/v1/admin/users/{account.UserId}", GatewayHost.AdminKey)).StatusCode);
    }

    private List<(string Method, string Pattern)> AdminRoutes() =>
    [
        .. gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("v1/admin", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (method, "/" + e.RoutePattern.RawText!.TrimStart('/')))),
    ];
}
