using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using OrleansSessions.Gateway.Startup;

namespace OrleansSessions.Gateway.Tests;

/// <summary>The Orleans Dashboard, when enabled: shown in a real (headless) browser with the service's grains, and never open to the world.</summary>
[Collection(DashboardGatewayCollection.Name)]
public sealed class DashboardTests(DashboardGateway dashboard)
{
    [Fact]
    public async Task A_headless_browser_sees_the_services_grain_types_on_the_dashboard()
    {
        using var api = dashboard.NewApi();
        await api.NewUser(await api.NewDevice());

        var grains = "";
        for (var attempt = 0; attempt < 5 && !(grains.Contains("DeviceGrain") && grains.Contains("UserGrain")); attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            grains = await HeadlessChromium.DumpDomAsync(new Uri(dashboard.BaseAddress, "/dashboard/#/grains"), TimeSpan.FromSeconds(10));
        }

        Assert.Contains("Orleans Dashboard", grains);
        Assert.Contains("DeviceGrain", grains);
        Assert.Contains("UserGrain", grains);
    }

    [Theory]
    [InlineData("127.0.0.1", null, true)]
    [InlineData("::1", null, true)]
    [InlineData("10.1.2.3", null, false)]
    [InlineData("10.1.2.3", "Bearer the-admin-key", true)]
    [InlineData("10.1.2.3", "Bearer wrong", false)]
    [InlineData("10.1.2.3", "Basic admin:the-admin-key", true)]
    [InlineData("10.1.2.3", "Basic admin:wrong", false)]
    [InlineData("10.1.2.3", "Basic not-base64!", false)]
    public void Only_this_machine_or_the_admin_key_opens_it(string address, string? authorization, bool allowed)
    {
        var context = new DefaultHttpContext();
        context.Features.Set(new ConnectionAddress(IPAddress.Parse(address)));
        if (authorization is not null)
        {
            var (scheme, value) = (authorization.Split(' ')[0], authorization.Split(' ')[1]);
            context.Request.Headers.Authorization = scheme == "Basic" && value.Contains(':')
                ? $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}"
                : authorization;
        }

        Assert.Equal(allowed, DashboardAccess.IsAllowed(context, "the-admin-key"));
        Assert.Equal(address is "127.0.0.1" or "::1", DashboardAccess.IsAllowed(context, null));
    }
}

/// <summary>The dashboard on a gateway that did not enable it.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class DashboardOffTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task The_dashboard_is_off_unless_enabled()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Send(HttpMethod.Get, "/dashboard/")).StatusCode);
    }
}
