using Azure.Data.Tables;
using StackExchange.Redis;

namespace OrleansSessions.Hosting;

/// <summary>
/// Checks, before a clustered silo or gateway starts, that the services its settings name answer, so that a
/// wrong or unreachable one is reported by the name of its setting rather than as a stack trace.
/// </summary>
public static class ClusterPreflight
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task CheckRedisAsync(ClusterSettings cluster)
    {
        try
        {
            var options = ConfigurationOptions.Parse(cluster.RequiredRedis);
            options.AbortOnConnectFail = true;
            options.ConnectTimeout = (int)Timeout.TotalMilliseconds;
            await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
            await redis.GetDatabase().PingAsync();
        }
        catch (Exception exception) when (exception is RedisException or ArgumentException)
        {
            throw new StartupException(
                "Cluster:Redis", $"Redis for cluster membership is not reachable or not valid: {exception.Message}", exception);
        }
    }

    public static async Task CheckTableStorageAsync(ClusterSettings cluster)
    {
        try
        {
            var options = new TableClientOptions { Retry = { MaxRetries = 1, NetworkTimeout = Timeout } };
            var service = new TableServiceClient(cluster.RequiredTableStorage, options);
            await service.GetTableClient(cluster.TableName).CreateIfNotExistsAsync();
        }
        catch (Exception exception) when (exception is Azure.RequestFailedException or FormatException or ArgumentException
            or InvalidOperationException or AggregateException or HttpRequestException)
        {
            throw new StartupException(
                "Cluster:AzureTableStorage",
                $"Azure Table storage is not reachable or not valid: {exception.Message}",
                exception);
        }
    }

    /// <summary>Kubernetes hosting names the silo after its pod and watches its namespace: both must be given.</summary>
    public static void CheckKubernetesPod(ClusterSettings cluster)
    {
        string[] missing = [.. new[] { "POD_NAME", "POD_NAMESPACE" }.Where(v => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(v)))];
        if (cluster.KubernetesHosting && missing.Length > 0)
        {
            throw new StartupException(
                "Cluster:KubernetesHosting",
                $"Kubernetes hosting is on, and the pod's {string.Join(" and ", missing)} environment variables are not set "
                + "(give them from the downward API, or turn the setting off outside Kubernetes).");
        }
    }
}
