using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansSessions.Abstractions.Keys;

namespace OrleansSessions.Gateway.Startup;

/// <summary>Ready when a grain of the cluster answers (and so its storage), within a few seconds.</summary>
public sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<ISigningKeysGrain>(0).GetKeys().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy("The cluster answers.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The cluster (or its storage) does not answer: {exception.GetType().Name}.", exception);
        }
    }
}
