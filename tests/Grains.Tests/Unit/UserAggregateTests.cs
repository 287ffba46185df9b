using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Grains.Users;

namespace OrleansSessions.Grains.Tests.Unit;

/// <summary>The account rules of SPEC.md: sessions, lifetimes, standing and what devices are told.</summary>
public sealed class UserAggregateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DeviceInfo Phone = new("phone", "Phone");
    private static readonly DeviceInfo Laptop = new("laptop", null);

    private readonly SessionPolicyOptions _policy = new() { RefreshTokenLifetime = TimeSpan.FromDays(60) };
    private readonly UserAggregate _user;

    public UserAggregateTests()
    {
        _user = new UserAggregate("u1", new UserState(), _policy);
        _user.CreateRegistered("a@example.com", confirmationTokenHash: null, T0);
    }

    private SessionRecord Start(DeviceInfo device, string refreshSecret = "r") =>
        _user.StartSession(new NewSession(device, TokenHash.Of(refreshSecret)), T0);

    private DeviceNotice Notice(string deviceId) => _user.Devices.PendingFor(deviceId)!;

    [Fact]
    public void A_session_lives_until_its_refresh_lifetime_and_no_longer()
    {
        var session = Start(Phone);

        Assert.True(_user.Sessions.IsLive(session.SessionId, T0.AddDays(60).AddSeconds(-1)));
        Assert.False(_user.Sessions.IsLive(session.SessionId, T0.AddDays(60)));
        var refusal = Assert.Throws<SessionsException>(() => _user.Sessions.Check(session.SessionId, T0.AddDays(61)));
        Assert.Equal(ErrorCodes.SessionRevoked, refusal.Code);
    }

    [Fact]
    public void With_an_idle_timeout_an_unused_session_ends_and_use_keeps_it_alive_up_to_its_absolute_expiry()
    {
        _policy.SessionIdleTimeout = TimeSpan.FromDays(7);
        var session = Start(Phone, "r1");

        _user.Sessions.Check(session.SessionId, T0.AddDays(6));
        Assert.True(_user.Sessions.IsLive(session.SessionId, T0.AddDays(12)));
        Assert.False(_user.Sessions.IsLive(session.SessionId, T0.AddDays(13)));

        var busy = Start(Laptop, "l1");
        for (var day = 5; day < 60; day += 5)
        {
            _user.Sessions.Check(busy.SessionId, T0.AddDays(day));
        }

        Assert.False(_user.Sessions.IsLive(busy.SessionId, T0.AddDays(60)));
    }

    [Fact]
    public void A_refresh_with_the_wrong_secret_is_refused_and_changes_nothing()
    {
        var session = Start(Phone, "r1");

        var refusal = Assert.Throws<SessionsException>(
            () => _user.Refresh(session.SessionId, TokenHash.Of("wrong"), TokenHash.Of("r2"), T0));

        Assert.Equal(ErrorCodes.InvalidSession, refusal.Code);
        Assert.True(_user.Sessions.IsLive(session.SessionId, T0));
        Assert.NotNull(_user.Refresh(session.SessionId, TokenHash.Of("r1"), TokenHash.Of("r2"), T0));
    }

    [Fact]
    public void A_refresh_rotates_the_token_and_the_old_one_stops_working_after_the_grace()
    {
        var session = Start(Phone, "r1");

        _user.Refresh(session.SessionId, TokenHash.Of("r1"), TokenHash.Of("r2"), T0);
        var again = _user.Refresh(session.SessionId, TokenHash.Of("r1"), TokenHash.Of("r2"), T0 + _policy.RefreshTokenReuseGrace);

        Assert.NotNull(again);
        Assert.NotNull(_user.Refresh(session.SessionId, TokenHash.Of("r2"), TokenHash.Of("r3"), T0.AddSeconds(11)));
        Assert.True(_user.Sessions.IsLive(session.SessionId, T0.AddSeconds(11)));
    }

    [Fact]
    public void Reusing_a_rotated_token_after_the_grace_ends_the_session()
    {
        var session = Start(Phone, "r1");
        _user.Refresh(session.SessionId, TokenHash.Of("r1"), TokenHash.Of("r2"), T0);

        var reused = _user.Refresh(session.SessionId, TokenHash.Of("r1"), TokenHash.Of("r2"), T0.AddSeconds(11));

        Assert.Null(reused);
        Assert.False(_user.Sessions.IsLive(session.SessionId, T0.AddSeconds(11)));
        Assert.Equal(DeviceNoticeKind.SessionEnded, Notice("phone").Kind);
    }

    [Fact]
    public void Reusing_an_older_token_even_within_the_grace_ends_the_session()
    {
        var session = Start(Phone, "r1");
        _user.Refresh(session.SessionId, TokenHash.Of("r1"), TokenHash.Of("r2"), T0);
        _user.Refresh(session.SessionId, TokenHash.Of("r2"), TokenHash.Of("r3"), T0.AddSeconds(1));

        Assert.Null(_user.Refresh(session.SessionId, TokenHash.Of("r1"), TokenHash.Of("r2"), T0.AddSeconds(2)));
        Assert.False(_user.Sessions.IsLive(session.SessionId, T0.AddSeconds(2)));
    }

    [Fact]
    public void A_user_has_one_session_per_device()
    {
        var first = Start(Phone);
        var second = Start(Phone);
        Start(Laptop);

        Assert.False(_user.Sessions.IsLive(first.SessionId, T0));
        Assert.True(_user.Sessions.IsLive(second.SessionId, T0));
        Assert.Equal(2, _user.Sessions.List().Count);
    }

    [Fact]
    public void Logging_out_with_a_refresh_token_twice_is_quiet_but_a_forged_one_is_refused()
    {
        var session = Start(Phone, "secret");

        Assert.True(_user.EndSessionWithRefreshToken(session.SessionId, TokenHash.Of("secret"), T0));
        Assert.False(_user.EndSessionWithRefreshToken(session.SessionId, TokenHash.Of("secret"), T0));
        var refusal = Assert.Throws<SessionsException>(
            () => _user.EndSessionWithRefreshToken(session.SessionId, TokenHash.Of("forged"), T0));
        Assert.Equal(ErrorCodes.InvalidSession, refusal.Code);
    }

    [Fact]
    public void Revoking_tells_every_device_with_a_session_and_keeps_the_devices()
    {
        Start(Phone);
        Start(Laptop);

        _user.EndSessions(SessionEndReason.Revoked);

        Assert.Equal(2, _user.Outbox.Pending.Count);
        Assert.All(["laptop", "phone"], d => Assert.Equal(DeviceNoticeKind.SessionEnded, Notice(d).Kind));
        Assert.All(["laptop", "phone"], d => Assert.Equal(SessionEndReason.Revoked, Notice(d).Reason));
        Assert.Equal(2, _user.AdminView().DeviceIds.Count);
    }

    [Fact]
    public void Every_notice_carries_a_higher_version()
    {
        Start(Phone);
        var first = Notice("phone").Version;
        _user.EndSessions(SessionEndReason.Revoked);

        Assert.True(Notice("phone").Version > first);
    }

    [Fact]
    public void Disabled_and_pending_accounts_cannot_log_in_and_deleted_ones_are_unknown()
    {
        _user.Disable();
        Assert.Equal(ErrorCodes.UserDisabled, Assert.Throws<SessionsException>(_user.Account.EnsureCanLogIn).Code);

        _user.Account.Enable();
        _user.Account.EnsureCanLogIn();

        _user.Delete();
        Assert.Equal(ErrorCodes.InvalidCredentials, Assert.Throws<SessionsException>(_user.Account.EnsureCanLogIn).Code);

        var pending = new UserAggregate("u2", new UserState(), _policy);
        pending.CreateRegistered("p@example.com", TokenHash.Of("c"), T0);
        Assert.Equal(ErrorCodes.UserPending, Assert.Throws<SessionsException>(pending.Account.EnsureCanLogIn).Code);
    }

    [Fact]
    public void A_confirmation_token_is_refused_when_wrong_or_expired()
    {
        var pending = new UserAggregate("u2", new UserState(), _policy);
        pending.CreateRegistered("p@example.com", TokenHash.Of("c"), T0);

        Assert.Throws<SessionsException>(() => pending.Tokens.UseConfirmation(TokenHash.Of("other"), T0));
        Assert.Throws<SessionsException>(() => pending.Tokens.UseConfirmation(TokenHash.Of("c"), T0 + _policy.ConfirmationTokenLifetime));
        pending.Tokens.UseConfirmation(TokenHash.Of("c"), T0.AddMinutes(1));
        pending.Account.Confirm();
        Assert.Equal(UserStatus.Confirmed, pending.Account.Profile().Status);
    }

    [Fact]
    public void An_anonymous_account_is_deleted_when_its_session_ends()
    {
        var anonymous = new UserAggregate("anon", new UserState(), _policy);
        anonymous.Account.CreateAnonymous(T0);
        var session = anonymous.StartSession(new NewSession(Phone, TokenHash.Of("r")), T0);

        anonymous.EndSession(session, SessionEndReason.Logout);

        Assert.False(anonymous.Account.Exists);
    }

    [Fact]
    public void Deleting_removes_the_user_from_every_device()
    {
        Start(Phone);
        Start(Laptop);
        _user.RemoveFromDevice("laptop");
        Start(Laptop);

        _user.Delete();

        Assert.False(_user.Account.Exists);
        Assert.All(["laptop", "phone"], d => Assert.Equal(DeviceNoticeKind.Removed, Notice(d).Kind));
        Assert.Equal(2, _user.Outbox.Pending.Count);
    }
}
