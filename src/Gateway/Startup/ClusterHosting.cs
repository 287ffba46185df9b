using OrleansSessions.Gateway.Failover;
using OrleansSessions.Hosting;

namespace OrleansSessions.Gateway.Startup;

public static class ClusterHosting
{
    /// <summary>
    /// Joins the session cluster: as an Orleans client when it is clustered (a membership is set), otherwise by
    /// hosting the grains in this process (the embedded default: localhost clustering and the embedded storage, with
    /// the silo's ports settable as <c>Embedded__SiloPort</c> and <c>Embedded__GatewayPort</c>).
    /// </summary>
    public static async Task<WebApplicationBuilder> AddSessionsClusterAsync(this WebApplicationBuilder builder)
    {
        var cluster = ClusterSettings.From(builder.Configuration);
        builder.Services.AddSingleton(cluster);
        if (cluster.IsClustered)
        {
            await (cluster.ChosenMembership == ClusterMembership.Redis
                ? ClusterPreflight.CheckRedisAsync(cluster)
                : ClusterPreflight.CheckTableStorageAsync(cluster));
            builder.UseOrleansClient(client => client.UseSessionsCluster(builder.Configuration, cluster).UseFailover());
            builder.Services.AddSingleton<IClientConnectionRetryFilter, KeepConnecting>();
            builder.Services.Configure<HostOptions>(host => host.ServicesStartConcurrently = true);
            return builder;
        }

        var embedded = builder.Configuration.GetSection("Embedded");
        cluster.SiloPort = embedded.GetValue("SiloPort", cluster.SiloPort);
        cluster.GatewayPort = embedded.GetValue("GatewayPort", cluster.GatewayPort);
        builder.UseOrleans(silo => silo.UseSessionsSilo(builder.Configuration, cluster));
        return builder;
    }
}
