using Microsoft.Extensions.Hosting;
using OrleansSessions.Hosting;

// A silo of the session tier. With Cluster__AzureTableStorage and a membership (Cluster__Redis, or
// Cluster__Membership=azuretable) it joins a cluster; without, it runs alone on localhost (silo port 11111, gateway
// port 30000) with the embedded storage (Embedded__Storage, Embedded__DataDirectory).
return await StartupFailure.RunAsync(async () =>
{
    var builder = Host.CreateApplicationBuilder(args);
    var cluster = ClusterSettings.From(builder.Configuration);
    if (cluster.IsClustered)
    {
        ClusterPreflight.CheckKubernetesPod(cluster);
        if (cluster.ChosenMembership == ClusterMembership.Redis)
        {
            await ClusterPreflight.CheckRedisAsync(cluster);
        }

        await ClusterPreflight.CheckTableStorageAsync(cluster);
    }

    builder.UseOrleans(silo => silo.UseSessionsSilo(builder.Configuration, cluster));
    builder.AddSessionsTelemetry("orleans-sessions-silo");
    await builder.Build().RunAsync();
});
