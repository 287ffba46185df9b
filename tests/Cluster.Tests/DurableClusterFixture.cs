using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using OrleansSessions.Grains;
using OrleansSessions.TestSupport;

namespace OrleansSessions.Cluster.Tests;

/// <summary>
/// A real three-silo cluster whose grain state lives in a real Azurite, with membership tuned to notice a dead
/// silo within seconds, and the <see cref="PushGate"/> on every silo.
/// </summary>
public sealed class DurableClusterFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSessionGrains(new ConfigurationBuilder().Build())
                .AddAzureTableGrainStorageAsDefault(options => options.TableServiceClient = _azurite.CreateClient())
                .AddOutgoingGrainCallFilter<PushGate>()
                .Configure<ClusterMembershipOptions>(options =>
                {
                    options.ProbeTimeout = TimeSpan.FromSeconds(1);
                    options.NumMissedProbesLimit = 2;
                    options.NumVotesForDeathDeclaration = 1;
                    options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                });
            silo.Services.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(10));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        PushGate.Release();
        await Cluster.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DurableClusterCollection : ICollectionFixture<DurableClusterFixture>
{
    public const string Name = "durable cluster";
}
