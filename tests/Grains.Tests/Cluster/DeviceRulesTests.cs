using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.Identities;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Tests.Cluster;

/// <summary>SPEC.md's device and lifecycle rules through the grains of a two-silo cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DeviceRulesTests(ClusterFixture fixture)
{
    private readonly Sessions _sessions = new(fixture.Grains);

    [Fact]
    public async Task Login_lists_users_in_first_login_order_with_the_last_one_active()
    {
        var device = await _sessions.RegisterDevice();
        var alice = await _sessions.RegisterUser();
        var bob = await _sessions.RegisterUser();

        await _sessions.LogIn(device, alice);
        await _sessions.LogIn(device, bob);
        await _sessions.LogIn(device, alice);

        var list = await device.Grain.ListUsers(device.Token);
        Assert.Equal([alice, bob], list.Users.Select(u => u.UserId));
        Assert.Equal(alice, list.ActiveUserId);
        Assert.Equal([DeviceUserState.Active, DeviceUserState.Inactive], list.Users.Select(u => u.State));
    }

    [Fact]
    public async Task Relogin_ends_the_old_session()
    {
        var device = await _sessions.RegisterDevice();
        var alice = await _sessions.RegisterUser();
        var first = await _sessions.LogIn(device, alice);

        var second = await _sessions.LogIn(device, alice);

        Assert.False(await _sessions.User(alice).IsSessionLive(first.SessionId));
        Assert.True(await _sessions.User(alice).IsSessionLive(second.SessionId));
        Assert.Single(await _sessions.User(alice).GetSessions(second.SessionId));
    }

    [Fact]
    public async Task A_wrong_device_token_is_refused()
    {
        var device = await _sessions.RegisterDevice();
        var other = await _sessions.RegisterDevice();

        var refusal = await Assert.ThrowsAsync<SessionsException>(() => device.Grain.ListUsers(other.Token));

        Assert.Equal(ErrorCodes.InvalidDeviceToken, refusal.Code);
    }

    [Fact]
    public async Task Logout_keeps_the_user_listed_and_falls_back_to_the_most_recently_active()
    {
        var device = await _sessions.RegisterDevice();
        var (a, b, c) = (await _sessions.RegisterUser(), await _sessions.RegisterUser(), await _sessions.RegisterUser());
        await _sessions.LogIn(device, a);
        await _sessions.LogIn(device, b);
        await _sessions.LogIn(device, c);
        await device.Grain.Switch(device.Token, a, allowWithoutReauthentication: true);
        await device.Grain.Switch(device.Token, c, allowWithoutReauthentication: true);

        await _sessions.User(c).LogOutOfDevice(device.Id, null);

        var list = await device.Grain.ListUsers(device.Token);
        Assert.Equal(a, list.ActiveUserId);
        Assert.Equal(DeviceUserState.LoggedOut, list.Users.Single(u => u.UserId == c).State);
    }

    [Fact]
    public async Task Switch_to_a_revoked_user_fails_and_leaves_the_active_user()
    {
        var device = await _sessions.RegisterDevice();
        var (a, b) = (await _sessions.RegisterUser(), await _sessions.RegisterUser());
        await _sessions.LogIn(device, a);
        await _sessions.LogIn(device, b);
        await _sessions.User(a).RevokeSessions();

        var refusal = await Assert.ThrowsAsync<SessionsException>(() => device.Grain.Switch(device.Token, a, true));

        Assert.Equal(ErrorCodes.UserLoggedOut, refusal.Code);
        Assert.Equal(b, (await device.Grain.GetActiveUser(device.Token))?.UserId);
    }

    [Fact]
    public async Task Remove_takes_the_user_off_the_device_but_keeps_the_account()
    {
        var device = await _sessions.RegisterDevice();
        var alice = await _sessions.RegisterUser();
        await _sessions.LogIn(device, alice);

        await _sessions.User(alice).RemoveFromDevice(device.Id);

        Assert.Empty((await device.Grain.ListUsers(device.Token)).Users);
        Assert.True(await _sessions.User(alice).Exists());
        Assert.Empty((await _sessions.User(alice).GetAdminView()).DeviceIds);
    }

    [Fact]
    public async Task Anonymous_login_reuses_the_logged_in_anonymous_user_even_in_parallel()
    {
        var device = await _sessions.RegisterDevice();

        var logins = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _sessions.LogInAnonymously(device)));

        Assert.Single(logins.Select(l => l.UserId).Distinct());
        var again = await _sessions.LogInAnonymously(device);
        Assert.Equal(logins[0].UserId, again.UserId);
        Assert.Single((await device.Grain.ListUsers(device.Token)).Users);
    }

    [Fact]
    public async Task An_anonymous_user_logged_out_is_removed_and_deleted()
    {
        var device = await _sessions.RegisterDevice();
        var anonymous = await _sessions.LogInAnonymously(device);

        await _sessions.User(anonymous.UserId).LogOutOfDevice(device.Id, anonymous.SessionId);

        Assert.Empty((await device.Grain.ListUsers(device.Token)).Users);
        Assert.False(await _sessions.User(anonymous.UserId).Exists());
        var next = await _sessions.LogInAnonymously(device);
        Assert.NotEqual(anonymous.UserId, next.UserId);
    }

    [Fact]
    public async Task An_anonymous_user_revoked_is_removed_and_deleted()
    {
        var device = await _sessions.RegisterDevice();
        var person = await _sessions.RegisterUser();
        await _sessions.LogIn(device, person);
        var anonymous = await _sessions.LogInAnonymously(device);

        await _sessions.User(anonymous.UserId).RevokeSessions();

        var list = await device.Grain.ListUsers(device.Token);
        Assert.Equal([person], list.Users.Select(u => u.UserId));
        Assert.Equal(person, list.ActiveUserId);
    }

    [Fact]
    public async Task Parallel_logins_of_many_users_on_one_device_list_each_once_with_one_active()
    {
        var device = await _sessions.RegisterDevice();
        var users = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _sessions.RegisterUser()));

        await Task.WhenAll(users.Select(u => _sessions.LogIn(device, u)));
        await Task.WhenAll(users.Select(u => _sessions.LogIn(device, u)));

        var list = await device.Grain.ListUsers(device.Token);
        Assert.Equal(users.Order(), list.Users.Select(u => u.UserId).Order());
        Assert.Single(list.Users, u => u.State == DeviceUserState.Active);
        Assert.All(list.Users, u => Assert.NotEqual(DeviceUserState.LoggedOut, u.State));
        foreach (var user in users)
        {
            Assert.Single((await _sessions.User(user).GetAdminView()).Sessions);
        }
    }

    [Fact]
    public async Task Disable_logs_the_user_out_everywhere_and_refuses_logins_until_enabled()
    {
        var (phone, laptop) = (await _sessions.RegisterDevice(), await _sessions.RegisterDevice());
        var alice = await _sessions.RegisterUser();
        await _sessions.LogIn(phone, alice);
        await _sessions.LogIn(laptop, alice);

        await _sessions.User(alice).Disable();

        Assert.Equal(DeviceUserState.LoggedOut, await _sessions.StateOn(phone, alice));
        Assert.Equal(DeviceUserState.LoggedOut, await _sessions.StateOn(laptop, alice));
        var refusal = await Assert.ThrowsAsync<SessionsException>(() => _sessions.LogIn(phone, alice));
        Assert.Equal(ErrorCodes.UserDisabled, refusal.Code);

        await _sessions.User(alice).Enable();
        Assert.Empty((await _sessions.User(alice).GetAdminView()).Sessions);
        await _sessions.LogIn(phone, alice);
        Assert.Equal(DeviceUserState.Active, await _sessions.StateOn(phone, alice));
    }

    [Fact]
    public async Task A_pending_user_cannot_log_in_until_confirmed_nor_be_disabled()
    {
        var device = await _sessions.RegisterDevice();
        var pending = await _sessions.RegisterUser(pending: true);

        Assert.Equal(ErrorCodes.UserPending,
            (await Assert.ThrowsAsync<SessionsException>(() => _sessions.LogIn(device, pending))).Code);
        Assert.Equal(ErrorCodes.UserPending,
            (await Assert.ThrowsAsync<SessionsException>(() => _sessions.User(pending).Disable())).Code);

        await _sessions.User(pending).ConfirmWithToken(TokenHash.Of("confirm"));
        await _sessions.LogIn(device, pending);
    }

    [Fact]
    public async Task Delete_takes_the_user_off_every_device_and_frees_its_email()
    {
        var (phone, laptop) = (await _sessions.RegisterDevice(), await _sessions.RegisterDevice());
        var email = $"{Ids.New()}@example.com";
        var alice = await _sessions.RegisterUser(email);
        await _sessions.LogIn(phone, alice);
        await _sessions.LogIn(laptop, alice);

        await _sessions.User(alice).Delete();

        Assert.Null(await _sessions.StateOn(phone, alice));
        Assert.Null(await _sessions.StateOn(laptop, alice));
        var again = await _sessions.RegisterUser(email);
        Assert.NotEqual(alice, again);
        var identity = fixture.Grains.GetGrain<IIdentityGrain>(email);
        Assert.Equal(again, await identity.Authenticate(new Secret(Sessions.Password)));
    }

    [Fact]
    public async Task Removing_a_deleted_user_that_a_device_still_lists_takes_it_off()
    {
        var device = await _sessions.RegisterDevice();
        var alice = await _sessions.RegisterUser();
        await _sessions.LogIn(device, alice);
        await _sessions.User(alice).Delete();
        await device.Grain.Apply(new DeviceNotice(alice, 1, DeviceNoticeKind.SignedIn, "stale", SessionEndReason.Logout,
            new UserSummary("local-userpass", null, false)));

        await _sessions.User(alice).RemoveFromDevice(device.Id);

        Assert.Empty((await device.Grain.ListUsers(device.Token)).Users);
    }

    [Fact]
    public async Task Registering_a_live_email_twice_is_refused()
    {
        var email = $"{Ids.New()}@example.com";
        await _sessions.RegisterUser(email);

        var refusal = await Assert.ThrowsAsync<SessionsException>(() => _sessions.RegisterUser(email));

        Assert.Equal(ErrorCodes.AccountNameInUse, refusal.Code);
    }

    [Fact]
    public async Task Linking_an_unused_email_identity_makes_an_anonymous_user_permanent()
    {
        var device = await _sessions.RegisterDevice();
        var anonymous = await _sessions.LogInAnonymously(device);
        var email = $"{Ids.New()}@example.com";
        var emptyAccount = await _sessions.RegisterUser(email);

        var profile = await _sessions.User(anonymous.UserId)
            .LinkPassword(anonymous.SessionId, email, new Secret(Sessions.Password));

        Assert.Equal(email, profile.Email);
        Assert.Equal(["anon-user", "local-userpass"], profile.Identities.Select(i => i.ProviderType));
        Assert.False(await _sessions.User(emptyAccount).Exists());
        Assert.Equal(anonymous.UserId, await fixture.Grains.GetGrain<IIdentityGrain>(email).Authenticate(new Secret(Sessions.Password)));

        await _sessions.User(anonymous.UserId).LogOutOfDevice(device.Id, anonymous.SessionId);
        Assert.Equal(DeviceUserState.LoggedOut, await _sessions.StateOn(device, anonymous.UserId));
        Assert.True(await _sessions.User(anonymous.UserId).Exists());
        Assert.NotEqual(anonymous.UserId, (await _sessions.LogInAnonymously(device)).UserId);
    }

    [Fact]
    public async Task An_identity_that_has_logged_in_cannot_be_linked()
    {
        var device = await _sessions.RegisterDevice();
        var anonymous = await _sessions.LogInAnonymously(device);
        var email = $"{Ids.New()}@example.com";
        var owner = await _sessions.RegisterUser(email);
        await _sessions.LogIn(await _sessions.RegisterDevice(), owner);

        var refusal = await Assert.ThrowsAsync<SessionsException>(() => _sessions.User(anonymous.UserId)
            .LinkPassword(anonymous.SessionId, email, new Secret(Sessions.Password)));

        Assert.Equal(ErrorCodes.IdentityInUse, refusal.Code);
        Assert.True(await _sessions.User(owner).Exists());
    }

    [Fact]
    public async Task A_device_checking_while_a_relogin_is_on_its_way_keeps_the_user_logged_in()
    {
        var device = await _sessions.RegisterDevice();
        var (alice, bob) = (await _sessions.RegisterUser(), await _sessions.RegisterUser());
        await _sessions.LogIn(device, alice);
        await _sessions.LogIn(device, bob);

        SessionGrant second;
        using (var hold = NoticeGate.HoldNoticesOf(alice))
        {
            var relogin = _sessions.LogIn(device, alice);
            await hold.NoticeHeld;

            var list = await device.Grain.ListUsers(device.Token);
            Assert.Equal([alice, bob], list.Users.Select(u => u.UserId));
            Assert.Equal(alice, list.ActiveUserId);
            hold.Dispose();
            second = await relogin;
        }

        Assert.Equal(second.SessionId, (await device.Grain.FindUser(device.Token, alice)).SessionId);
        var switched = await device.Grain.Switch(device.Token, alice, allowWithoutReauthentication: true);
        Assert.Equal(second.SessionId, switched.SessionId);
    }

    [Fact]
    public async Task A_device_checking_while_an_anonymous_relogin_is_on_its_way_keeps_one_anonymous_user()
    {
        var device = await _sessions.RegisterDevice();
        var first = await _sessions.LogInAnonymously(device);

        using (var hold = NoticeGate.HoldNoticesOf(first.UserId))
        {
            var relogin = _sessions.LogInAnonymously(device);
            await hold.NoticeHeld;

            Assert.Equal(first.UserId, await device.Grain.ReserveAnonymousUser(device.Token));
            Assert.Equal([first.UserId], (await device.Grain.ListUsers(device.Token)).Users.Select(u => u.UserId));
            hold.Dispose();
            Assert.Equal(first.UserId, (await relogin).UserId);
        }

        var list = await device.Grain.ListUsers(device.Token);
        Assert.Equal([first.UserId], list.Users.Select(u => u.UserId));
        Assert.Equal(first.UserId, list.ActiveUserId);
    }

    [Fact]
    public async Task A_device_checking_while_a_revoke_is_on_its_way_shows_the_user_logged_out()
    {
        var device = await _sessions.RegisterDevice();
        var (alice, bob) = (await _sessions.RegisterUser(), await _sessions.RegisterUser());
        await _sessions.LogIn(device, bob);
        await _sessions.LogIn(device, alice);

        using var hold = NoticeGate.HoldNoticesOf(alice);
        var revoke = _sessions.User(alice).RevokeSessions();
        await hold.NoticeHeld;

        var list = await device.Grain.ListUsers(device.Token);
        Assert.Equal(DeviceUserState.LoggedOut, list.Users.Single(u => u.UserId == alice).State);
        Assert.Equal(bob, list.ActiveUserId);
        hold.Dispose();
        await revoke;
        Assert.Equal(DeviceUserState.LoggedOut, await _sessions.StateOn(device, alice));
    }
}
