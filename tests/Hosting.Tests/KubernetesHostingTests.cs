using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansSessions.Hosting;

namespace OrleansSessions.Hosting.Tests;

/// <summary>
/// With <c>Cluster__KubernetesHosting</c>, a silo takes its name from its pod, and keeps the address and ids its
/// settings give (the manifests give the pod IP and the same ids). Built, not started: there is no Kubernetes API here.
/// </summary>
public sealed class KubernetesHostingTests
{
    [Fact]
    public void A_silo_with_Kubernetes_hosting_is_named_after_its_pod_and_keeps_its_settings()
    {
        Environment.SetEnvironmentVariable("POD_NAME", "orleans-sessions-silo-7d9f-abcde");
        Environment.SetEnvironmentVariable("POD_NAMESPACE", "sessions");
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Cluster:Redis"] = "127.0.0.1:1",
                ["Cluster:AzureTableStorage"] = "UseDevelopmentStorage=true",
                ["Cluster:ClusterId"] = "sessions-cluster",
                ["Cluster:ServiceId"] = "sessions-service",
                ["Cluster:AdvertisedIPAddress"] = "10.1.2.3",
                ["Cluster:KubernetesHosting"] = "true",
            }).Build();
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.UseOrleans(silo => silo.UseSessionsSilo(configuration, ClusterSettings.From(configuration)));
            using var host = builder.Build();

            Assert.Equal("orleans-sessions-silo-7d9f-abcde", host.Services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName);
            var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
            Assert.Equal(("sessions-cluster", "sessions-service"), (cluster.ClusterId, cluster.ServiceId));
            Assert.Equal("10.1.2.3", host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.AdvertisedIPAddress.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("POD_NAME", null);
            Environment.SetEnvironmentVariable("POD_NAMESPACE", null);
        }
    }
}
