using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.TestingHost;
using OrleansSessions.Grains;
using OrleansSessions.Grains.UserDirectory;
using OrleansSessions.Hosting.UserDirectory;
using OrleansSessions.TestSupport;

namespace OrleansSessions.Cluster.Tests;

/// <summary>
/// A real three-silo cluster whose grain state (Orleans's Azure Table provider) and user directory live in a real
/// Azurite, with membership tuned to notice a dead silo within seconds, and the <see cref="PushGate"/> on every silo.
/// </summary>
public sealed class DurableClusterFixture : IAsyncLifetime
{
    /// <summary>The grain state table of Orleans's Azure Table provider when none is configured.</summary>
    public const string GrainStateTable = "OrleansGrainState";

    private readonly AzuriteFixture _azurite = new();
    private readonly string _directoryTable = "directory" + Guid.NewGuid().ToString("N")[..12];

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The Azurite that holds the grain state and the directory.</summary>
    public TableServiceClient Storage => _azurite.CreateClient();

    /// <summary>The cluster's user directory, as its silos reach it.</summary>
    public IUserDirectory Directory => new AzureTableUserDirectory(_azurite.CreateClient().GetTableClient(_directoryTable));

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
            silo.Services.AddSingleton<IUserDirectory>(_ => Directory);
            silo.Services.AddSingleton<IUserCatalog>(services => new AzureTableUserCatalog(
                _azurite.CreateClient().GetTableClient(GrainStateTable),
                services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
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
