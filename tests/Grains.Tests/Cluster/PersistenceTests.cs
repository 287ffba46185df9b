using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Grains.Devices;

namespace OrleansSessions.Grains.Tests.Cluster;

/// <summary>A user or device grain serves only what storage holds: a change whose write failed is not half made.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PersistenceTests(ClusterFixture fixture)
{
    private readonly Sessions _sessions = new(fixture.Grains);

    [Fact]
    public async Task After_a_failed_write_the_user_is_as_storage_holds_it_and_the_next_change_goes_through()
    {
        var device = await _sessions.RegisterDevice();
        var alice = await _sessions.RegisterUser();
        var grant = await _sessions.LogIn(device, alice);
        var user = _sessions.User(alice);

        FailingStorage.FailNextWriteOf(user.GetGrainId());
        await Assert.ThrowsAnyAsync<Exception>(user.RevokeSessions);

        Assert.True(await user.IsSessionLive(grant.SessionId));
        Assert.Equal(DeviceUserState.Active, await _sessions.StateOn(device, alice));
        await user.RevokeSessions();
        Assert.False(await user.IsSessionLive(grant.SessionId));
        Assert.Equal(DeviceUserState.LoggedOut, await _sessions.StateOn(device, alice));
    }

    [Fact]
    public async Task A_refresh_whose_write_failed_leaves_the_presented_token_current()
    {
        var device = await _sessions.RegisterDevice();
        var alice = await _sessions.RegisterUser();
        var (first, lost, next) = (TokenHash.Of(Ids.NewSecret()), TokenHash.Of(Ids.NewSecret()), TokenHash.Of(Ids.NewSecret()));
        var grant = await _sessions.LogIn(device, alice, first);
        var user = _sessions.User(alice);

        FailingStorage.FailNextWriteOf(user.GetGrainId());
        await Assert.ThrowsAnyAsync<Exception>(() => user.Refresh(grant.SessionId, first, lost));

        Assert.Equal(grant.SessionId, (await user.Refresh(grant.SessionId, first, next)).SessionId);
        Assert.True(await user.IsSessionLive(grant.SessionId));
    }

    [Fact]
    public async Task A_notice_whose_device_write_failed_is_written_when_it_comes_again()
    {
        var device = await _sessions.RegisterDevice();
        var alice = await _sessions.RegisterUser();
        FailingStorage.FailNextWriteOf(device.Grain.GetGrainId());

        var refused = await Assert.ThrowsAsync<SessionsException>(() => _sessions.LogIn(device, alice));
        Assert.Equal(ErrorCodes.Unavailable, refused.Code); // the device could not keep the notice

        // The user grain sends the notice again (every 2 s) until the device took it; then storage must hold it.
        var user = _sessions.User(alice);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await user.CheckDeviceSession(device.Id, "any")).Pending is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Contains(alice, (await StoredDevice(device)).Entries.Select(e => e.UserId));
    }

    private async Task<DeviceState> StoredDevice(Sessions.Device device)
    {
        var storage = fixture.Cluster.GetSiloServiceProvider()
            .GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var stored = new GrainState<DeviceState>(new DeviceState());
        await storage.ReadStateAsync("device", device.Grain.GetGrainId(), stored);
        return stored.State!;
    }
}
