using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;

namespace OrleansSessions.Persistence.AzureTable.Tests;

/// <summary>
/// An Azure Table grain storage resolved from a silo's services, as <c>AddAzureTableGrainStorage</c> registers it,
/// and started through the silo lifecycle, each on a table of its own. The silo itself is not started.
/// </summary>
public sealed class StorageUnderTest : IAsyncDisposable
{
    /// <summary>The service id that starts every partition key.</summary>
    public const string ServiceId = "storage-tests";

    private const string ProviderName = "AzureTableUnderTest";

    private readonly IHost host;

    private StorageUnderTest(IHost host, IGrainStorage storage, TableClient table)
    {
        this.host = host;
        Storage = storage;
        Table = table;
    }

    /// <summary>The provider.</summary>
    public IGrainStorage Storage { get; }

    /// <summary>The provider's table, to look at what it stored.</summary>
    public TableClient Table { get; }

    /// <summary>Builds and starts a provider on a new table of <paramref name="tableService"/>.</summary>
    public static Task<StorageUnderTest> StartAsync(TableServiceClient tableService, Action<AzureTableStorageOptions>? configure = null) =>
        StartAsync(tableService, optionsBuilder => optionsBuilder.Configure(options => configure?.Invoke(options)));

    /// <summary>Builds and starts a provider on a new table of <paramref name="tableService"/>.</summary>
    public static async Task<StorageUnderTest> StartAsync(TableServiceClient tableService, Action<OptionsBuilder<AzureTableStorageOptions>> configure)
    {
        var tableName = "t" + Guid.NewGuid().ToString("N");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(serviceId: ServiceId)
            .AddAzureTableGrainStorage(ProviderName, optionsBuilder =>
            {
                optionsBuilder.Configure(options =>
                {
                    options.TableServiceClient = tableService;
                    options.TableName = tableName;
                });
                configure(optionsBuilder);
            }));
        var host = builder.Build();
        try
        {
            var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(ProviderName);
            var lifecycle = new SiloLifecycleSubject(host.Services.GetRequiredService<ILogger<SiloLifecycleSubject>>());
            ((ILifecycleParticipant<ISiloLifecycle>)storage).Participate(lifecycle);
            await lifecycle.OnStart();
            return new StorageUnderTest(host, storage, tableService.GetTableClient(tableName));
        }
        catch
        {
            await ((IAsyncDisposable)host).DisposeAsync();
            throw;
        }
    }

    /// <summary>A grain id not used before.</summary>
    public static GrainId NewGrainId() => GrainId.Create("test", Guid.NewGuid().ToString("N"));

    /// <summary>Reads a state into a new grain-state object.</summary>
    public async Task<TestGrainState> ReadAsync(GrainId grainId, string stateName = "state")
    {
        var grainState = new TestGrainState();
        await Storage.ReadStateAsync(stateName, grainId, grainState);
        return grainState;
    }

    /// <summary>Writes <paramref name="text"/> with a new grain-state object that holds no ETag (an insert).</summary>
    public async Task<TestGrainState> InsertAsync(GrainId grainId, string text, string stateName = "state")
    {
        var grainState = new TestGrainState { State = new TestState { Text = text } };
        await Storage.WriteStateAsync(stateName, grainId, grainState);
        return grainState;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ((IAsyncDisposable)host).DisposeAsync();
}
