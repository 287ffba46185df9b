using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;
using Orleans.Hosting.Kubernetes;
using OrleansSessions.Grains;
using OrleansSessions.Grains.UserDirectory;
using OrleansSessions.Hosting.Embedded;
using OrleansSessions.Hosting.UserDirectory;

namespace OrleansSessions.Hosting;

public static class SessionsSiloBuilderExtensions
{
    /// <summary>
    /// A silo of the session tier: clustered (<see cref="ClusterSettings.IsClustered"/>), Redis or Azure Table
    /// membership and Orleans's Azure Table storage for every grain's state; otherwise a single localhost silo keeping
    /// state in its local database or in memory (<see cref="EmbeddedStorageExtensions"/>). A silo that advertises a
    /// loopback address listens on loopback only; one that advertises a routable address listens on every interface.
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
            return silo.AddEmbeddedStorage(EmbeddedSettings.From(configuration)).UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort);
        }

        var storage = cluster.RequiredTableStorage;
        if (cluster.KubernetesHosting)
        {
            silo.UseKubernetesHosting();
        }

        silo.Services.AddSingleton<IUserDirectory>(_ =>
            new AzureTableUserDirectory(new TableServiceClient(storage).GetTableClient(cluster.DirectoryTableName)));
        silo.Services.AddSingleton<IUserCatalog>(_ =>
            new AzureTableUserCatalog(new TableServiceClient(storage).GetTableClient(cluster.TableName), cluster.ServiceId));
        silo.UseFastFailureDetection(configuration)
            .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (cluster.ClusterId, cluster.ServiceId))
            .ConfigureEndpoints(
                cluster.AdvertisedAddress, cluster.SiloPort, cluster.GatewayPort,
                listenOnAnyHostAddress: !IPAddress.IsLoopback(cluster.AdvertisedAddress))
            .AddAzureTableGrainStorageAsDefault(options =>
            {
                options.TableServiceClient = new TableServiceClient(storage);
                options.TableName = cluster.TableName;
                options.DeleteStateOnClear = true;
            });
        return cluster.ChosenMembership == ClusterMembership.AzureTable
            ? silo.UseAzureStorageClustering(options => options.TableServiceClient = new TableServiceClient(storage))
            : silo.UseRedisClustering(cluster.RequiredRedis);
    }

    /// <summary>An Orleans client of a clustered session tier (its configured membership), serving the dashboard if enabled.</summary>
    public static IClientBuilder UseSessionsCluster(this IClientBuilder client, IConfiguration configuration, ClusterSettings cluster)
    {
        client.AddActivityPropagation()
            .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
        if (cluster.ChosenMembership == ClusterMembership.AzureTable)
        {
            client.UseAzureStorageClustering(options => options.TableServiceClient = new TableServiceClient(cluster.RequiredTableStorage));
        }
        else
        {
            client.UseRedisClustering(cluster.RequiredRedis);
        }

        if (DashboardSettings.From(configuration).Enabled)
        {
            client.AddDashboard();
        }

        return client;
    }
}
