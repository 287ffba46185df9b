namespace OrleansSessions.Hosting;

/// <summary>Where a cluster's silos and gateways find each other (<c>Cluster__Membership</c>).</summary>
public enum ClusterMembership
{
    /// <summary>Redis (<c>Cluster__Redis</c>); the default when Redis is set.</summary>
    Redis,

    /// <summary>An Azure Storage table (<c>Cluster__AzureTableStorage</c>), so Azure Storage alone runs a cluster.</summary>
    AzureTable,
}
