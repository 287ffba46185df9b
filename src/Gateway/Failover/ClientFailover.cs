using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace OrleansSessions.Gateway.Failover;

public static class ClientFailover
{
    /// <summary>
    /// A gateway's Orleans client that rides out a lost silo: calls are given up after
    /// <see cref="FailoverOptions.CallTimeout"/> instead of Orleans's 30 s and retried by <see cref="SiloLossRetry"/>,
    /// and the list of live silos is read again every second, so that a silo the cluster declared dead (a hung one
    /// keeps its connections open) stops getting requests at once rather than within a minute.
    /// </summary>
    public static IClientBuilder UseFailover(this IClientBuilder client)
    {
        client.AddOutgoingGrainCallFilter<SiloLossRetry>();
        client.Services.AddOptions<ClientMessagingOptions>()
            .Configure<IOptions<FailoverOptions>>((messaging, failover) => messaging.ResponseTimeout = failover.Value.CallTimeout);
        client.Services.Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
        return client;
    }
}
