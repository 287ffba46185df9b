using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Tests.Cluster;

/// <summary>A user at its session limit (100 by default) logging in on one more device ends its least recently used session.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionLimitTests(ClusterFixture fixture)
{
    private const int DefaultLimit = 100;

    private readonly Sessions _sessions = new(fixture.Grains);

    [Fact]
    public async Task One_more_device_past_the_limit_ends_the_least_recently_used_session()
    {
        var userId = await _sessions.RegisterUser();
        var user = _sessions.User(userId);
        var devices = new List<Sessions.Device>();
        var grants = new List<SessionGrant>();
        var firstToken = TokenHash.Of(Ids.NewSecret());
        for (var i = 0; i < DefaultLimit; i++)
        {
            devices.Add(await _sessions.RegisterDevice());
            grants.Add(await _sessions.LogIn(devices[i], userId, i == 0 ? firstToken : null));
        }

        await user.Refresh(grants[0].SessionId, firstToken, TokenHash.Of(Ids.NewSecret())); // the first device is in use
        var extra = await _sessions.RegisterDevice();
        var newest = await _sessions.LogIn(extra, userId);

        Assert.True(await user.IsSessionLive(newest.SessionId));
        Assert.True(await user.IsSessionLive(grants[0].SessionId));
        Assert.False(await user.IsSessionLive(grants[1].SessionId));
        Assert.Equal(DeviceUserState.LoggedOut, await _sessions.StateOn(devices[1], userId));
        foreach (var grant in grants.Skip(2))
        {
            Assert.True(await user.IsSessionLive(grant.SessionId));
        }
    }
}
