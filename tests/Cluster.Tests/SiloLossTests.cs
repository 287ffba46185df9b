using Orleans.Runtime;
using Orleans.TestingHost;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using System.Diagnostics;
using OrleansSessions.Abstractions.Identities;
using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Cluster.Tests;

/// <summary>
/// Certain invalidation (DESIGN.md): a silo lost at the worst moment leaves no device showing a user logged in
/// whose session has ended, and devices come back from storage with the right states.
/// </summary>
[Collection(DurableClusterCollection.Name)]
public sealed class SiloLossTests(DurableClusterFixture fixture)
{
    private InProcessTestCluster Cluster => fixture.Cluster;

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_silo_that_dies_between_a_revokes_write_and_its_push_leaves_no_device_showing_the_user()
    {
        var userId = await RegisterUser();
        var devices = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => RegisterDevice()));
        var grants = new List<SessionGrant>();
        foreach (var device in devices)
        {
            grants.Add(await LogIn(device, userId));
        }

        var held = PushGate.Hold(userId);
        var revoke = Grains.GetGrain<IUserGrain>(userId).RevokeSessions();
        var deadSilo = await held.WaitAsync(TimeSpan.FromSeconds(30));
        await KillSilo(deadSilo);
        PushGate.Release();
        await Assert.ThrowsAnyAsync<Exception>(() => revoke);

        foreach (var device in devices)
        {
            var users = await device.Grain.ListUsers(device.Token);
            Assert.Equal(DeviceUserState.LoggedOut, users.Users.Single(u => u.UserId == userId).State);
            Assert.Null(users.ActiveUserId);
        }

        foreach (var grant in grants)
        {
            Assert.False(await Grains.GetGrain<IUserGrain>(userId).IsSessionLive(grant.SessionId));
        }
    }

    [Fact]
    public async Task A_device_on_a_dead_silo_comes_back_from_storage_with_the_right_states()
    {
        var device = await RegisterDevice();
        var (alice, bob, carol) = (await RegisterUser(), await RegisterUser(), await RegisterUser());
        await LogIn(device, alice);
        await LogIn(device, bob);
        await LogIn(device, carol);
        await device.Grain.Switch(device.Token, alice, allowWithoutReauthentication: true);
        await Grains.GetGrain<IUserGrain>(bob).RevokeSessions();

        await KillSilo(SiloOf(device.Grain));
        await Grains.GetGrain<IUserGrain>(alice).RevokeSessions();

        var users = await device.Grain.ListUsers(device.Token);
        Assert.Equal([alice, bob, carol], users.Users.Select(u => u.UserId));
        Assert.Equal(
            [DeviceUserState.LoggedOut, DeviceUserState.LoggedOut, DeviceUserState.Active],
            users.Users.Select(u => u.State));
    }

    [Fact]
    public async Task A_change_whose_silo_dies_before_its_directory_write_is_listed_once_the_user_is_back()
    {
        var userId = await RegisterUser();
        await Listed(userId, UserStatus.Confirmed, TimeSpan.FromSeconds(5));

        var held = PushGate.Hold(userId);
        var disable = Grains.GetGrain<IUserGrain>(userId).Disable();
        await KillSilo(await held.WaitAsync(TimeSpan.FromSeconds(30)));
        PushGate.Release();
        await Assert.ThrowsAnyAsync<Exception>(() => disable);
        Assert.Equal(UserStatus.Confirmed, (await fixture.Directory.Find(userId))!.Status);

        // Any call activates the user on a live silo (the caller's retry, a login, a device's check of a session):
        // its activation finds the entry still in its persisted outbox and delivers it at once.
        await Grains.GetGrain<IUserGrain>(userId).GetAdminView();
        await Listed(userId, UserStatus.Disabled, TimeSpan.FromSeconds(1));
    }

    private sealed record Device(IDeviceGrain Grain, TokenHash Token);

    private async Task Listed(string userId, UserStatus status, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        var query = new UserListQuery(status, null, null, userId, 1, null);
        while ((await Grains.GetGrain<IUserDirectoryGrain>(0).List(query)).Users.Count == 0)
        {
            Assert.True(clock.Elapsed < within, $"User {userId} is not listed as {status} after {clock.Elapsed}.");
            await Task.Delay(20);
        }
    }

    private async Task<Device> RegisterDevice()
    {
        var device = new Device(Grains.GetGrain<IDeviceGrain>(Ids.New()), TokenHash.Of(Ids.NewSecret()));
        await device.Grain.Register(null, device.Token);
        return device;
    }

    private Task<string> RegisterUser() =>
        Grains.GetGrain<IIdentityGrain>($"{Ids.New()}@example.com").Register(Ids.New(), new Secret("correct horse"), null);

    private async Task<SessionGrant> LogIn(Device device, string userId)
    {
        var info = await device.Grain.AdmitLogin(device.Token, userId, maxUsers: 20);
        return await Grains.GetGrain<IUserGrain>(userId).Login(new NewSession(info, TokenHash.Of(Ids.NewSecret())));
    }

    private SiloAddress SiloOf(IAddressable grain) =>
        Cluster.TryGetGrainContext(grain.GetGrainId(), out var context)
            ? context.Address.SiloAddress!
            : throw new InvalidOperationException("The grain is not active.");

    /// <summary>Kills a silo (a crash, not a shutdown) and starts another, so three stay for the next test.</summary>
    private async Task KillSilo(SiloAddress address)
    {
        await Cluster.KillSiloAsync(Cluster.Silos.Single(s => s.SiloAddress.Equals(address)));
        await Cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        await Cluster.StartAdditionalSiloAsync();
    }
}
