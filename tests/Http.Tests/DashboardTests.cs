using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using OrleansSessions.Gateway.Hosting;
using OrleansSessions.TestSupport;

namespace OrleansSessions.Http.Tests;

/// <summary>A gateway with the Orleans Dashboard on.</summary>
public sealed class DashboardGateway : GatewayFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:Dashboard:Enabled"] = "true",
    };
}

/// <summary>The Orleans Dashboard: shown in a real browser with the service's grains, and never open to the world.</summary>
public sealed class DashboardTests(DashboardGateway dashboard, DefaultGateway plain)
    : IClassFixture<DashboardGateway>, IClassFixture<DefaultGateway>
{
    [Fact]
    public async Task A_headless_browser_sees_the_services_grain_types_on_the_dashboard()
    {
        using var api = dashboard.Api();
        await api.NewUserOn(await api.RegisterDevice());

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

    [Fact]
    public async Task The_dashboard_is_off_unless_enabled()
    {
        using var client = plain.Client();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dashboard/")).StatusCode);
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
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
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
