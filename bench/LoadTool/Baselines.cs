using Microsoft.AspNetCore.Builder;
using Orleans.Configuration;

namespace OrleansSessions.LoadTool;

/// <summary>The trivial grain of the actor ceiling: one call, no state.</summary>
[Alias("OrleansSessions.Bench.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task<int> Ping(int value);
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value + 1);
}

public sealed record PingResponse(string Status, int Value);

/// <summary>
/// The two ceilings the gateway is compared with, on the same Kestrel: a bare minimal API returning a small JSON
/// object (<c>GET /ping</c>), and the same host with a co-hosted silo answering with one call to a trivial grain.
/// </summary>
public static class Baselines
{
    public static WebApplication Bare(int port)
    {
        var builder = Quiet(port);
        var app = builder.Build();
        app.MapGet("/ping", () => new PingResponse("ok", 1));
        return app;
    }

    public static WebApplication Actor(int port, int siloPort, int gatewayPort)
    {
        var builder = Quiet(port);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort)
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("bench-actor", "bench-actor")));
        var app = builder.Build();
        app.MapGet("/ping", async (IGrainFactory grains) =>
            new PingResponse("ok", await grains.GetGrain<IPingGrain>(Random.Shared.Next(1024)).Ping(1)));
        return app;
    }

    private static WebApplicationBuilder Quiet(int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BenchJson.Default));
        return builder;
    }
}
