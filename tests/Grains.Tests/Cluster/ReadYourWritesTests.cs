using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;

namespace OrleansSessions.Grains.Tests.Cluster;

/// <summary>What a client is told succeeded, its device shows at once, whichever silo fails.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReadYourWritesTests(ClusterFixture fixture)
{
    private readonly Sessions _sessions = new(fixture.Grains);

    [Fact]
    public async Task A_login_its_device_cannot_be_told_of_is_not_acknowledged_and_its_retry_shows_on_the_device()
    {
        var device = await _sessions.RegisterDevice();
        var alice = await _sessions.RegisterUser();
        using (NoticeGate.RefuseNoticesOf(alice))
        {
            var refused = await Assert.ThrowsAsync<SessionsException>(() => _sessions.LogIn(device, alice));
            Assert.Equal(ErrorCodes.Unavailable, refused.Code); // the gateway tries again, or answers 503
            Assert.Null(await _sessions.StateOn(device, alice)); // the device never heard of her
        }

        var grant = await _sessions.LogIn(device, alice); // the gateway's next try, once the device answers

        Assert.Equal(DeviceUserState.Active, await _sessions.StateOn(device, alice));
        Assert.True(await _sessions.User(alice).IsSessionLive(grant.SessionId));
    }
}
