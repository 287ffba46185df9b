using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Identities;

namespace OrleansSessions.Grains.Tests.Cluster;

/// <summary>Refresh rotation under parallel use, and the per-account lockout that every gateway shares.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SecurityTests(ClusterFixture fixture)
{
    private readonly Sessions _sessions = new(fixture.Grains);

    [Fact]
    public async Task A_hundred_parallel_refreshes_of_one_token_agree_on_one_successor()
    {
        var device = await _sessions.RegisterDevice();
        var alice = await _sessions.RegisterUser();
        var (first, successor, next) = (TokenHash.Of("first"), TokenHash.Of("successor"), TokenHash.Of("next"));
        var grant = await _sessions.LogIn(device, alice, first);
        var user = _sessions.User(alice);

        var grants = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => user.Refresh(grant.SessionId, first, successor)));

        Assert.All(grants, g => Assert.Equal(grant.SessionId, g.SessionId));
        await user.Refresh(grant.SessionId, successor, next);
        Assert.True(await user.IsSessionLive(grant.SessionId));
    }

    [Fact]
    public async Task Ten_failed_logins_lock_an_account_and_an_unknown_one_alike()
    {
        var known = $"{Ids.New()}@example.com";
        await _sessions.RegisterUser(known);
        foreach (var email in new[] { known, $"{Ids.New()}@example.com" })
        {
            var identity = fixture.Grains.GetGrain<IIdentityGrain>(email);
            for (var i = 0; i < 10; i++)
            {
                var failure = await Assert.ThrowsAsync<SessionsException>(() => identity.Authenticate(new Secret("wrong password")));
                Assert.Equal(ErrorCodes.InvalidCredentials, failure.Code);
            }

            var locked = await Assert.ThrowsAsync<SessionsException>(() => identity.Authenticate(new Secret(Sessions.Password)));
            Assert.Equal(ErrorCodes.RateLimited, locked.Code);
            Assert.True(locked.RetryAfter > TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task Wrong_current_passwords_of_a_password_change_count_as_failed_logins()
    {
        var device = await _sessions.RegisterDevice();
        var email = $"{Ids.New()}@example.com";
        var userId = await _sessions.RegisterUser(email);
        var login = await _sessions.LogIn(device, userId);
        for (var i = 0; i < 10; i++)
        {
            var wrong = await Assert.ThrowsAsync<SessionsException>(() =>
                _sessions.User(userId).ChangePassword(login.SessionId, new Secret("wrong password"), new Secret("new password")));
            Assert.Equal(ErrorCodes.InvalidCredentials, wrong.Code);
        }

        var locked = await Assert.ThrowsAsync<SessionsException>(() =>
            fixture.Grains.GetGrain<IIdentityGrain>(email).Authenticate(new Secret(Sessions.Password)));
        Assert.Equal(ErrorCodes.RateLimited, locked.Code);
    }

    [Fact]
    public async Task A_successful_login_resets_the_count()
    {
        var email = $"{Ids.New()}@example.com";
        await _sessions.RegisterUser(email);
        var identity = fixture.Grains.GetGrain<IIdentityGrain>(email);

        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 9; i++)
            {
                await Assert.ThrowsAsync<SessionsException>(() => identity.Authenticate(new Secret("wrong password")));
            }

            await identity.Authenticate(new Secret(Sessions.Password));
        }
    }
}
