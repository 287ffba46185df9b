using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Tests.Cluster;

/// <summary>Revocation is immediate and reaches every device before the call returns.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RevocationTests(ClusterFixture fixture)
{
    private readonly Sessions _sessions = new(fixture.Grains);

    [Fact]
    public async Task Revoking_a_user_held_by_500_devices_shows_it_logged_out_on_all_of_them_when_the_call_returns()
    {
        var alice = await _sessions.RegisterUser();
        var devices = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => _sessions.RegisterDevice()));
        var grants = new List<SessionGrant>();
        foreach (var batch in devices.Chunk(25))
        {
            // In batches: 500 logins queued at once on one user grain would wait past the response timeout.
            grants.AddRange(await Task.WhenAll(batch.Select(d => _sessions.LogIn(d, alice))));
        }

        await _sessions.User(alice).RevokeSessions();

        var states = await Task.WhenAll(devices.Select(d => _sessions.StateOn(d, alice)));
        Assert.All(states, s => Assert.Equal(DeviceUserState.LoggedOut, s));
        var live = await Task.WhenAll(grants.Select(g => _sessions.User(alice).IsSessionLive(g.SessionId)));
        Assert.DoesNotContain(true, live);
        Assert.Equal(500, (await _sessions.User(alice).GetAdminView()).DeviceIds.Count);
    }

    [Fact]
    public async Task A_refresh_racing_a_revoke_never_yields_a_session_that_survives_it()
    {
        var device = await _sessions.RegisterDevice();
        var alice = await _sessions.RegisterUser();
        var refreshHash = TokenHash.Of(Ids.NewSecret());
        var successorHash = TokenHash.Of(Ids.NewSecret());
        var grant = await _sessions.LogIn(device, alice, refreshHash);
        var user = _sessions.User(alice);

        var refreshes = Enumerable.Range(0, 50).Select(async _ =>
        {
            try
            {
                return (await user.Refresh(grant.SessionId, refreshHash, successorHash)).SessionId;
            }
            catch (SessionsException e) when (e.Code == ErrorCodes.InvalidSession)
            {
                return null;
            }
        }).ToList();
        await user.RevokeSessions();
        var minted = await Task.WhenAll(refreshes);

        foreach (var sessionId in minted.OfType<string>().Distinct())
        {
            Assert.False(await user.IsSessionLive(sessionId));
        }

        var after = await Assert.ThrowsAsync<SessionsException>(() => user.Refresh(grant.SessionId, successorHash, refreshHash));
        Assert.Equal(ErrorCodes.InvalidSession, after.Code);
        Assert.Equal(DeviceUserState.LoggedOut, await _sessions.StateOn(device, alice));
    }

    [Fact]
    public async Task Ending_the_other_sessions_keeps_the_current_one()
    {
        var (phone, laptop, tablet) =
            (await _sessions.RegisterDevice(), await _sessions.RegisterDevice(), await _sessions.RegisterDevice());
        var alice = await _sessions.RegisterUser();
        var current = await _sessions.LogIn(phone, alice);
        await _sessions.LogIn(laptop, alice);
        await _sessions.LogIn(tablet, alice);

        await _sessions.User(alice).EndSessions(current.SessionId, keepCurrent: true);

        Assert.Equal(DeviceUserState.Active, await _sessions.StateOn(phone, alice));
        Assert.Equal(DeviceUserState.LoggedOut, await _sessions.StateOn(laptop, alice));
        Assert.Equal(DeviceUserState.LoggedOut, await _sessions.StateOn(tablet, alice));
    }

    [Fact]
    public async Task A_device_reactivated_elsewhere_comes_back_with_the_right_states()
    {
        var device = await _sessions.RegisterDevice();
        var (a, b) = (await _sessions.RegisterUser(), await _sessions.RegisterUser());
        await _sessions.LogIn(device, a);
        await _sessions.LogIn(device, b);
        await _sessions.User(b).RevokeSessions();

        await fixture.Cluster.DeactivateAsync(device.Grain);

        var list = await device.Grain.ListUsers(device.Token);
        Assert.Equal(a, list.ActiveUserId);
        Assert.Equal([DeviceUserState.Active, DeviceUserState.LoggedOut], list.Users.Select(u => u.State));
    }
}
