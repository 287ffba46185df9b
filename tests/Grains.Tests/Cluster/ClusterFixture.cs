using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansSessions.Grains;

namespace OrleansSessions.Grains.Tests.Cluster;

/// <summary>
/// A real two-silo Orleans cluster in this process, with the session grains and in-memory storage; a
/// <see cref="NoticeGate"/> lets tests hold a user's notices on their way, and <see cref="FailingStorage"/> fail a write.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorage(FailingStorage.InnerName)
            .ConfigureServices(services => services
                .AddKeyedSingleton<IGrainStorage>(
                    ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
                    (provider, _) => new FailingStorage(provider.GetRequiredKeyedService<IGrainStorage>(FailingStorage.InnerName)))
                .AddSingleton(provider => provider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)))
            .AddMemoryGrainStorage("PubSubStore")
            .AddOutgoingGrainCallFilter<NoticeGate>()
            .AddSessionGrains(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
