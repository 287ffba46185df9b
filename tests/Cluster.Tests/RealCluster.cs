using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OrleansSessions.Hosting;
using OrleansSessions.TestSupport;

namespace OrleansSessions.Cluster.Tests;

/// <summary>
/// A cluster in its production shape, inside the test process: Redis membership, grain state in Azurite, silos as
/// hosts of their own, and gateways that are Orleans clients serving HTTP on Kestrel. Everything it starts it stops.
/// </summary>
public sealed class RealCluster : IAsyncLifetime
{
    public const string AdminKey = "cluster-admin-key-7c1d";

    private readonly AzuriteFixture _azurite = new();
    private readonly RedisServer _redis = new();
    private readonly List<IHost> _silos = [];
    private readonly List<WebApplicationFactory<Program>> _gateways = [];
    private readonly string _clusterId = $"test-{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_azurite.InitializeAsync(), _redis.InitializeAsync());
    }

    /// <summary>Starts a silo of the cluster.</summary>
    public async Task StartSiloAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Settings(new()
        {
            ["Cluster:AzureTableStorage"] = _azurite.ConnectionString,
            ["Cluster:SiloPort"] = FreePort.Next().ToString(),
            ["Cluster:GatewayPort"] = FreePort.Next().ToString(),
        }));
        var cluster = ClusterSettings.From(builder.Configuration);
        builder.UseOrleans(silo => silo.UseSessionsSilo(builder.Configuration, cluster));
        var host = builder.Build();
        _silos.Add(host);
        await host.StartAsync();
    }

    /// <summary>
    /// Starts a gateway of the cluster and returns its address at once: a gateway waits for its cluster in the
    /// background, serving 503 on /health/ready meanwhile.
    /// </summary>
    public Uri StartGateway()
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("urls", address.ToString());
            web.UseSetting("Sessions:AdminApiKey", AdminKey);
            foreach (var (key, value) in Settings(new()))
            {
                web.UseSetting(key, value);
            }
        });
        gateway.UseKestrel();
        _gateways.Add(gateway);
        _ = Task.Run(gateway.StartServer);
        return address;
    }

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }

        foreach (var silo in _silos)
        {
            await silo.StopAsync();
            silo.Dispose();
        }

        await _redis.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private Dictionary<string, string?> Settings(Dictionary<string, string?> more)
    {
        more["Cluster:Redis"] = _redis.ConnectionString;
        more["Cluster:ClusterId"] = _clusterId;
        more["Cluster:ServiceId"] = _clusterId;
        return more;
    }
}
