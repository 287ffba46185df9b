using Orleans.Configuration;
using OrleansSessions.Grains;

namespace OrleansSessions.Gateway.Hosting;

public static class ClusterHosting
{
    /// <summary>
    /// Hosts the grains in this process (the embedded default): localhost clustering and in-memory storage,
    /// with the silo's ports settable as <c>Embedded__SiloPort</c> and <c>Embedded__GatewayPort</c>.
    /// </summary>
    public static WebApplicationBuilder AddEmbeddedSilo(this WebApplicationBuilder builder)
    {
        var embedded = builder.Configuration.GetSection("Embedded");
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(
                siloPort: embedded.GetValue("SiloPort", EndpointOptions.DEFAULT_SILO_PORT),
                gatewayPort: embedded.GetValue("GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT))
            .AddMemoryGrainStorageAsDefault()
            .AddSessionGrains(builder.Configuration));
        return builder;
    }
}
