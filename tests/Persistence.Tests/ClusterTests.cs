using Orleans.Hosting;
using Orleans.TestingHost;
using Xunit;
using OrleansSessions.TestSupport;

namespace OrleansSessions.Persistence.Tests;

/// <summary>The provider as the default grain storage of a real two-silo cluster.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ClusterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_grain_finds_its_state_again_after_deactivation()
    {
        var tableName = "cluster" + Guid.NewGuid().ToString("N");
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo.AddAzureTableGrainStorageAsDefault(options =>
        {
            options.TableServiceClient = azurite.CreateClient();
            options.TableName = tableName;
        }));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var grain = cluster.Client.GetGrain<IPersistentTestGrain>("user/42#ü");

        await grain.SetAsync("persisted");
        var firstActivation = await grain.GetActivationIdAsync();
        await grain.DeactivateAsync();
        await cluster.WaitForDeactivationAsync(grain);

        Assert.Equal("persisted", await grain.GetAsync());
        Assert.NotEqual(firstActivation, await grain.GetActivationIdAsync());
        Assert.True(await azurite.CreateClient().GetTableClient(tableName).QueryAsync<Azure.Data.Tables.TableEntity>().AnyAsync());
    }
}
