using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OrleansSessions.Hosting;
using OrleansSessions.Hosting.Embedded;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Startup;

/// <summary>Says, once the gateway listens, where it listens, in which mode, and how the admin key is set.</summary>
public sealed partial class StartupBanner(
    IServer server,
    ClusterSettings cluster,
    IOptions<SessionsOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<StartupBanner> logger,
    EmbeddedDatabase? database = null)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            if (cluster.IsClustered)
            {
                LogClusterMode(cluster.ClusterId, cluster.ChosenMembership, string.Join(", ", addresses));
            }
            else
            {
                LogEmbeddedMode(database is null ? "memory, lost when it stops" : database.Path, string.Join(", ", addresses));
            }

            if (string.IsNullOrEmpty(options.Value.AdminApiKey))
            {
                LogNoAdminKey();
            }
            else
            {
                LogAdminKeySet();
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Information,
        "OrleansSessions is running in embedded mode (one process: a co-hosted silo keeping grain state in {Storage}) on {Addresses}")]
    private partial void LogEmbeddedMode(string storage, string addresses);

    [LoggerMessage(4, LogLevel.Information, "OrleansSessions gateway of cluster {ClusterId} ({Membership} membership) is running on {Addresses}")]
    private partial void LogClusterMode(string clusterId, ClusterMembership membership, string addresses);

    [LoggerMessage(2, LogLevel.Warning,
        "No admin key is set, so the admin API is closed: set Sessions__AdminApiKey (environment) or --Sessions:AdminApiKey=... to open it")]
    private partial void LogNoAdminKey();

    [LoggerMessage(3, LogLevel.Information, "The admin API is open to requests bearing the key from the Sessions:AdminApiKey setting")]
    private partial void LogAdminKeySet();
}
