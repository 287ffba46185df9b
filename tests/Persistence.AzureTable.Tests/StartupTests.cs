using Azure.Data.Tables;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Xunit;

namespace OrleansSessions.Persistence.AzureTable.Tests;

/// <summary>What a silo says at start when the provider cannot work.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StartupTests
{
    [Fact]
    public async Task A_silo_without_a_table_service_client_does_not_start()
    {
        var failure = await StartSiloAsync(options => options.TableName = "Sessions");

        Assert.Contains("AzureTableStorageOptions.TableServiceClient is not set", failure.Message);
    }

    [Fact]
    public async Task A_silo_with_an_invalid_table_name_does_not_start()
    {
        var failure = await StartSiloAsync(options =>
        {
            options.TableServiceClient = UnreachableClient();
            options.TableName = "grain-state";
        });

        Assert.Contains("AzureTableStorageOptions.TableName 'grain-state' is not a valid table name", failure.Message);
    }

    [Fact]
    public async Task Unreachable_storage_fails_the_start_with_the_table_it_needed()
    {
        var failure = await Assert.ThrowsAsync<OrleansException>(
            () => StorageUnderTest.StartAsync(UnreachableClient(), options => options.TableName = "Unreachable"));

        Assert.Contains("could not create or open table 'Unreachable' of storage account 'devstoreaccount1'", failure.Message);
    }

    /// <summary>A client of a port nothing listens on, with a made-up key, that does not retry.</summary>
    private static TableServiceClient UnreachableClient() => new(
        new Uri("http://127.0.0.1:1/devstoreaccount1"),
        new TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64])),
        new TableClientOptions { Retry = { MaxRetries = 0 } });

    private static async Task<OrleansConfigurationException> StartSiloAsync(Action<AzureTableStorageOptions> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddAzureTableGrainStorageAsDefault(configure));
        var host = builder.Build();
        try
        {
            return await Assert.ThrowsAsync<OrleansConfigurationException>(() => host.StartAsync());
        }
        finally
        {
            await ((IAsyncDisposable)host).DisposeAsync();
        }
    }
}
