using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Hosting;

namespace OrleansSessions.LoadTool;

/// <summary>
/// Bytes per idle activation: the gateway's embedded silo (UseSessionsSilo, in-memory storage) in this process,
/// devices and users created by grain calls, GC heap after a forced blocking compacting collection.
/// User <c>i</c> is logged in on devices <c>i</c>, <c>i+1</c>, ... so that every device holds
/// <c>usersPerDevice</c> users and there are as many users as devices.
/// </summary>
public static class MemoryScenario
{
    public static async Task<MemoryResult> RunAsync(int devices, int usersPerDevice, Action<string> log)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sessions:Dashboard:Enabled"] = "false",
            ["Embedded:Storage"] = "memory",
        }).Build();
        var cluster = ClusterSettings.From(configuration);
        cluster.SiloPort = FreePort();
        cluster.GatewayPort = FreePort();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Configuration = new ConfigurationManager() });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo.UseSessionsSilo(configuration, cluster));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var clock = Stopwatch.StartNew();
        try
        {
            // The tool's own list of ids is made before the first reading, so it is not counted as the service's.
            var ids = Enumerable.Range(0, devices).Select(_ => Ids.New()).ToArray();
            var userIds = Enumerable.Range(0, devices).Select(_ => Ids.New()).ToArray();
            TokenHash DeviceToken(int i) => TokenHash.Of("device-token-" + ids[i]);
            var heapBefore = Heap();
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = 256 };

            await Parallel.ForEachAsync(Enumerable.Range(0, devices), parallel, async (i, _) =>
                await grains.GetGrain<IDeviceGrain>(ids[i]).Register("bench device " + i, DeviceToken(i)));
            var heapAfterDevices = Heap();
            log($"memory: {devices} devices registered in {clock.Elapsed.TotalSeconds:F1} s");

            await Parallel.ForEachAsync(Enumerable.Range(0, devices), parallel, async (i, _) =>
            {
                var device = grains.GetGrain<IDeviceGrain>(ids[i]);
                var token = DeviceToken(i);
                for (var k = 0; k < usersPerDevice; k++)
                {
                    var u = (i + devices - k) % devices;
                    var info = await device.AdmitLogin(token, userIds[u], 20);
                    await grains.GetGrain<IUserGrain>(userIds[u]).LoginExternal(
                        new NewSession(info, TokenHash.Of("refresh-" + i + "-" + k)),
                        new UserIdentity(ProviderTypes.CustomToken, "memory-" + u), "{}", metadata: null);
                }
            });
            log($"memory: {devices * usersPerDevice} logins in {clock.Elapsed.TotalSeconds:F1} s");
            var heapAfterAll = Heap();

            var stats = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
            long Count(string type) => stats.Where(s => s.GrainType.Contains(type, StringComparison.Ordinal)).Sum(s => (long)s.ActivationCount);
            return new MemoryResult(
                devices, devices, stats.Sum(s => (long)s.ActivationCount), Count("DeviceGrain"), Count("UserGrain"),
                heapBefore, heapAfterDevices, heapAfterAll, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static long Heap()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: false);
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
