using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;
using Orleans.Hosting.Kubernetes;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using OrleansSessions.Grains;

namespace OrleansSessions.Hosting;

public static class SessionsSiloBuilderExtensions
{
    /// <summary>
    /// A silo of the session tier: with <c>Cluster:Redis</c> set, Redis membership and Azure Table storage for every
    /// grain's state; without it, a single localhost silo keeping state in this process (<see cref="InProcessGrainStorage"/>). A silo that advertises a loopback
    /// address listens on loopback only; one that advertises a routable address listens on every interface.
    /// </summary>
    public static ISiloBuilder UseSessionsSilo(this ISiloBuilder silo, IConfiguration configuration, ClusterSettings cluster)
    {
        silo.AddSessionGrains(configuration).AddActivityPropagation();
        if (DashboardSettings.From(configuration).Enabled)
        {
            silo.AddDashboard();
        }

        if (!cluster.IsClustered)
        {
            silo.Services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (provider, _) =>
                ActivatorUtilities.CreateInstance<InProcessGrainStorage>(provider));
            return silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort);
        }

        var storage = cluster.RequiredTableStorage;
        if (cluster.KubernetesHosting)
        {
            silo.UseKubernetesHosting();
        }

        return silo
            .UseFastFailureDetection(configuration)
            .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (cluster.ClusterId, cluster.ServiceId))
            .ConfigureEndpoints(
                cluster.AdvertisedAddress, cluster.SiloPort, cluster.GatewayPort,
                listenOnAnyHostAddress: !IPAddress.IsLoopback(cluster.AdvertisedAddress))
            .UseRedisClustering(cluster.Redis!)
            .AddAzureTableGrainStorageAsDefault(options =>
            {
                options.TableServiceClient = new TableServiceClient(storage);
                options.TableName = cluster.TableName;
            });
    }

    /// <summary>An Orleans client of a clustered session tier (Redis membership), serving the dashboard if enabled.</summary>
    public static IClientBuilder UseSessionsCluster(this IClientBuilder client, IConfiguration configuration, ClusterSettings cluster)
    {
        client.AddActivityPropagation()
            .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (cluster.ClusterId, cluster.ServiceId))
            .UseRedisClustering(cluster.Redis!);
        if (DashboardSettings.From(configuration).Enabled)
        {
            client.AddDashboard();
        }

        return client;
    }
}
