using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansSessions.Grains;
using OrleansSessions.Grains.UserDirectory;
using OrleansSessions.Hosting.UserDirectory;

namespace OrleansSessions.Grains.Tests.Cluster;

/// <summary>
/// A real two-silo Orleans cluster in this process, with the session grains, in-memory storage and the embedded
/// default's user directory (one in-memory SQLite database both silos share); a <see cref="NoticeGate"/> lets tests
/// hold a user's notices on their way, and <see cref="FailingStorage"/> fail a write.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly SqliteUserDirectory _directory = SqliteUserDirectory.InMemory();

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
                .AddSingleton(provider => provider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME))
                .AddSingleton<IUserDirectory>(_directory))
            .AddMemoryGrainStorage("PubSubStore")
            .AddOutgoingGrainCallFilter<NoticeGate>()
            .AddSessionGrains(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _directory.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
