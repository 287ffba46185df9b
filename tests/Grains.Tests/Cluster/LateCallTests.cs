using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Tests.Cluster;

/// <summary>
/// A gateway's first attempt of a call, held in a paused silo's buffers while the gateway gave up on it, sent the call
/// again and answered the client, arrives when the silo resumes, after the client's next steps. It must not run: here
/// it arrives carrying the expiry its gateway gave it (<see cref="CallExpiry"/>), already past.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LateCallTests(ClusterFixture fixture)
{
    private readonly Sessions _sessions = new(fixture.Grains);

    [Fact]
    public async Task A_refresh_that_arrives_after_its_retry_and_the_next_refresh_does_not_end_the_session()
    {
        var (device, alice) = (await _sessions.RegisterDevice(), await _sessions.RegisterUser());
        var (first, second, third) = (TokenHash.Of("r0"), TokenHash.Of("r1"), TokenHash.Of("r2"));
        var grant = await _sessions.LogIn(device, alice, first);
        var user = _sessions.User(alice);
        await user.Refresh(grant.SessionId, first, second); // the gateway's second attempt, acknowledged
        await user.Refresh(grant.SessionId, second, third); // the client's next refresh

        await Assert.ThrowsAsync<TimeoutException>(() => Late(() => user.Refresh(grant.SessionId, first, second)));

        Assert.True(await user.IsSessionLive(grant.SessionId)); // run, it would read as a stolen token's reuse
        Assert.Equal(DeviceUserState.Active, await _sessions.StateOn(device, alice));
        await user.Refresh(grant.SessionId, third, TokenHash.Of("r3"));
    }

    [Fact]
    public async Task A_login_that_arrives_after_its_retry_and_the_logout_that_followed_starts_no_session()
    {
        var (device, alice) = (await _sessions.RegisterDevice(), await _sessions.RegisterUser());
        var info = await device.Grain.AdmitLogin(device.Token, alice, maxUsers: 20);
        var login = new NewSession(info, TokenHash.Of(Ids.NewSecret()));
        var user = _sessions.User(alice);
        var grant = await user.Login(login); // the gateway's second attempt, acknowledged
        await user.LogOutOfDevice(device.Id, grant.SessionId); // the client's logout, acknowledged

        await Assert.ThrowsAsync<TimeoutException>(() => Late(() => user.Login(login)));

        Assert.Equal(DeviceUserState.LoggedOut, await _sessions.StateOn(device, alice));
        Assert.Empty((await user.GetAdminView()).Sessions); // run, it would start a session nobody holds
    }

    [Fact]
    public async Task A_call_within_its_expiry_runs()
    {
        var (device, alice) = (await _sessions.RegisterDevice(), await _sessions.RegisterUser());

        var grant = await Within(() => _sessions.LogIn(device, alice));

        Assert.True(await _sessions.User(alice).IsSessionLive(grant.SessionId));
    }

    /// <summary>The call as it arrives from a paused silo: its gateway gave up on it a while ago.</summary>
    private static async Task<T> Late<T>(Func<Task<T>> call)
    {
        CallExpiry.Set(DateTimeOffset.UtcNow - TimeSpan.FromSeconds(25));
        return await call();
    }

    private static async Task<T> Within<T>(Func<Task<T>> call)
    {
        CallExpiry.Set(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(2));
        return await call();
    }
}
