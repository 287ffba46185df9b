using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansSessions.TestSupport;

namespace OrleansSessions.Browser.Tests;

/// <summary>
/// The real gateway (embedded: a co-hosted silo, in-memory storage) on Kestrel on a loopback port, as a browser
/// reaches it: over real HTTP, serving the page and the API from one origin. One per configuration, shared by a
/// test collection.
/// </summary>
public abstract class PageGatewayHost : IAsyncLifetime
{
    public const string AdminKey = "browser-tests-admin-key-51c9a2";

    private WebApplicationFactory<Program>? _factory;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The settings beyond the admin key and the ports (configuration keys, as in API.md).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public HttpClient NewClient() => new(new HttpClientHandler { AllowAutoRedirect = false })
    {
        BaseAddress = BaseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Sessions:AdminApiKey", AdminKey);
            web.UseSetting("Sessions:Dashboard:Enabled", "false");
            web.UseSetting("Embedded:SiloPort", FreePort.Next().ToString());
            web.UseSetting("Embedded:GatewayPort", FreePort.Next().ToString());
            foreach (var (key, value) in Settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        });
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.Single());

        using var client = NewClient();
        (await client.GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}

/// <summary>Every default of API.md, with an admin key.</summary>
public sealed class PageGateway : PageGatewayHost;

/// <summary>Access tokens that live one second, with no clock leeway, so the page must refresh them.</summary>
public sealed class ShortTokenPageGateway : PageGatewayHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:AccessTokenLifetime"] = "00:00:01",
        ["Sessions:ClockLeeway"] = "00:00:00",
    };
}

[CollectionDefinition(Name)]
public sealed class PageGatewayCollection : ICollectionFixture<PageGateway>
{
    public const string Name = "page gateway";
}

[CollectionDefinition(Name)]
public sealed class ShortTokenPageGatewayCollection : ICollectionFixture<ShortTokenPageGateway>
{
    public const string Name = "short-token page gateway";
}
