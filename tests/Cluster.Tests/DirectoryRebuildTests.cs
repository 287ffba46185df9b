using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Identities;
using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Grains.UserDirectory;

namespace OrleansSessions.Cluster.Tests;

/// <summary>
/// The rebuild of a cluster's user directory from the users' state as Orleans's own Azure Table provider stored it
/// (in Azurite): the catalog finds each user once where the provider put it, and the directory comes back whole.
/// </summary>
[Collection(DurableClusterCollection.Name)]
public sealed class DirectoryRebuildTests(DurableClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private IUserDirectoryGrain Directory => Grains.GetGrain<IUserDirectoryGrain>(0);

    [Fact]
    public async Task A_rebuild_lists_every_user_of_the_grain_state_table_again_with_the_same_counts()
    {
        var (kept, disabled) = (await RegisterUser(), await RegisterUser());
        await Grains.GetGrain<IUserGrain>(disabled).Disable();
        var silo = fixture.Cluster.Silos[0].ServiceProvider;
        var serviceId = silo.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        var stored = await fixture.Storage.GetTableClient(DurableClusterFixture.GrainStateTable)
            .GetEntityIfExistsAsync<TableEntity>($"{serviceId}_user_{kept}", "user");
        Assert.True(stored.HasValue, "Orleans's provider keys a user's state {serviceId}_user_{userId}, row user.");
        var ids = await silo.GetRequiredService<IUserCatalog>().UserIds().ToListAsync();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains(kept, ids);
        Assert.Contains(disabled, ids);
        var before = await Directory.Count();

        await fixture.Directory.Clear();
        Assert.Empty(await Find(kept, null));
        var rebuilt = await Rebuilt();

        Assert.Equal(before.All, rebuilt.Users);
        Assert.True(rebuilt.Relisted >= ids.Count);
        Assert.Equal(before, await Directory.Count());
        Assert.Single(await Find(kept, UserStatus.Confirmed));
        Assert.Single(await Find(disabled, UserStatus.Disabled));
    }

    private async Task<RebuildStatus> Rebuilt()
    {
        var rebuild = Grains.GetGrain<IDirectoryRebuildGrain>(0);
        var status = await rebuild.Start();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (status.State == RebuildState.Running && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            status = await rebuild.Status();
        }

        Assert.Equal(RebuildState.Done, status.State);
        return status;
    }

    private async Task<IReadOnlyList<DirectoryEntry>> Find(string userId, UserStatus? status) =>
        (await Directory.List(new UserListQuery(status, null, null, userId, 1, null))).Users;

    private Task<string> RegisterUser() =>
        Grains.GetGrain<IIdentityGrain>($"{Ids.New()}@example.com").Register(Ids.New(), new Secret("correct horse"), null);
}
