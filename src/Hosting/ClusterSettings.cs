using System.Net;
using Microsoft.Extensions.Configuration;

namespace OrleansSessions.Hosting;

/// <summary>
/// Where the cluster is (configuration section <c>Cluster</c>). With neither <see cref="Membership"/> nor
/// <see cref="Redis"/> set, a silo runs alone on localhost with its own storage, and the gateway hosts its own such
/// silo (the embedded default).
/// </summary>
public sealed class ClusterSettings
{
    public const string Section = "Cluster";

    /// <summary>Redis connection string for cluster membership (<c>Cluster__Redis</c>), e.g. <c>127.0.0.1:6379</c>.</summary>
    public string? Redis { get; set; }

    /// <summary>
    /// Which membership the cluster keeps (<c>Cluster__Membership</c>): <c>redis</c> (the default when
    /// <see cref="Redis"/> is set) or <c>azuretable</c> (in <see cref="AzureTableStorage"/>, which then gateways need too).
    /// </summary>
    public ClusterMembership? Membership { get; set; }

    /// <summary>
    /// Azure Storage connection string (<c>Cluster__AzureTableStorage</c>): grain state on silos, and membership on
    /// silos and gateways when <see cref="Membership"/> is <c>azuretable</c>.
    /// </summary>
    public string? AzureTableStorage { get; set; }

    public string TableName { get; set; } = "OrleansGrainState";

    /// <summary>The table of the user directory (<c>Cluster__DirectoryTableName</c>), in the same storage account.</summary>
    public string DirectoryTableName { get; set; } = "UserDirectory";

    public string ClusterId { get; set; } = "orleans-sessions";

    public string ServiceId { get; set; } = "orleans-sessions";

    /// <summary>The port silos talk to each other on.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port gateways (Orleans clients) connect to a silo on.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address a silo advertises to the others (default: loopback, for a one-machine cluster).</summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>
    /// Orleans's Kubernetes hosting on a silo (<c>Cluster__KubernetesHosting</c>): silo name from the pod, pod
    /// labels, and the cleanup of membership entries whose pods are gone. Needs the pod's <c>POD_NAME</c> and
    /// <c>POD_NAMESPACE</c> (downward API) and a role to read and label pods (deploy/kubernetes/silo.yaml).
    /// </summary>
    public bool KubernetesHosting { get; set; }

    public bool IsClustered => Membership is not null || !string.IsNullOrWhiteSpace(Redis);

    /// <summary>The membership of a clustered silo or gateway.</summary>
    public ClusterMembership ChosenMembership => Membership ?? ClusterMembership.Redis;

    /// <summary>The Redis connection string Redis membership cannot do without.</summary>
    public string RequiredRedis => string.IsNullOrWhiteSpace(Redis)
        ? throw new StartupException(
            "Cluster:Redis", "Redis membership (Cluster:Membership) needs a Redis connection string, and none is set.")
        : Redis;

    /// <summary>The storage connection string a clustered silo cannot do without.</summary>
    public string RequiredTableStorage => string.IsNullOrWhiteSpace(AzureTableStorage)
        ? throw new StartupException(
            "Cluster:AzureTableStorage",
            $"A clustered silo keeps grain state in Azure Table storage{(ChosenMembership == ClusterMembership.AzureTable ? ", as does Azure Table membership," : "")} and no connection string for it is set.")
        : AzureTableStorage;

    public IPAddress AdvertisedAddress =>
        string.IsNullOrWhiteSpace(AdvertisedIPAddress) ? IPAddress.Loopback : IPAddress.Parse(AdvertisedIPAddress);

    public static ClusterSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<ClusterSettings>() ?? new ClusterSettings();
}
