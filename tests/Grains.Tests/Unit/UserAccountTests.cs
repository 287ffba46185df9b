using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Grains.Users;

namespace OrleansSessions.Grains.Tests.Unit;

/// <summary>The account rules of SPEC.md: sessions, lifetimes, standing and what devices are told.</summary>
public sealed class UserAccountTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DeviceInfo Phone = new("phone", "Phone");
    private static readonly DeviceInfo Laptop = new("laptop", null);

    private readonly UserState _state = new();
    private readonly SessionPolicyOptions _policy = new() { RefreshTokenLifetime = TimeSpan.FromDays(60) };
    private readonly UserAccount _account;

    public UserAccountTests()
    {
        _account = new UserAccount("u1", _state, _policy);
        _account.CreateRegistered("a@example.com", confirmationTokenHash: null, T0);
    }

    private SessionRecord Start(DeviceInfo device, string refreshSecret = "r") =>
        _account.StartSession(new NewSession(device, TokenHash.Of(refreshSecret)), T0);

    [Fact]
    public void A_session_lives_until_its_refresh_lifetime_and_no_longer()
    {
        var session = Start(Phone);

        Assert.True(_account.IsLive(session.SessionId, T0.AddDays(60).AddSeconds(-1)));
        Assert.False(_account.IsLive(session.SessionId, T0.AddDays(60)));
        var refusal = Assert.Throws<SessionsException>(() => _account.CheckSession(session.SessionId, T0.AddDays(61)));
        Assert.Equal(ErrorCodes.SessionRevoked, refusal.Code);
    }

    [Fact]
    public void With_an_idle_timeout_an_unused_session_ends_and_use_keeps_it_alive_up_to_its_absolute_expiry()
    {
        _policy.SessionIdleTimeout = TimeSpan.FromDays(7);
        var session = Start(Phone, "r1");

        _account.CheckSession(session.SessionId, T0.AddDays(6));
        Assert.True(_account.IsLive(session.SessionId, T0.AddDays(12)));
        Assert.False(_account.IsLive(session.SessionId, T0.AddDays(13)));

        var busy = Start(Laptop, "l1");
        for (var day = 5; day < 60; day += 5)
        {
            _account.CheckSession(busy.SessionId, T0.AddDays(day));
        }

        Assert.False(_account.IsLive(busy.SessionId, T0.AddDays(60)));
    }

    [Fact]
    public void A_refresh_with_the_wrong_secret_is_refused_and_changes_nothing()
    {
        var session = Start(Phone, "r1");

        var refusal = Assert.Throws<SessionsException>(
            () => _account.Refresh(session.SessionId, TokenHash.Of("wrong"), TokenHash.Of("r2"), T0));

        Assert.Equal(ErrorCodes.InvalidSession, refusal.Code);
        Assert.True(_account.IsLive(session.SessionId, T0));
        Assert.NotNull(_account.Refresh(session.SessionId, TokenHash.Of("r1"), TokenHash.Of("r2"), T0));
    }

    [Fact]
    public void A_refresh_rotates_the_token_and_the_old_one_stops_working_after_the_grace()
    {
        var session = Start(Phone, "r1");

        _account.Refresh(session.SessionId, TokenHash.Of("r1"), TokenHash.Of("r2"), T0);
        var again = _account.Refresh(session.SessionId, TokenHash.Of("r1"), TokenHash.Of("r2"), T0 + _policy.RefreshTokenReuseGrace);

        Assert.NotNull(again);
        Assert.NotNull(_account.Refresh(session.SessionId, TokenHash.Of("r2"), TokenHash.Of("r3"), T0.AddSeconds(11)));
        Assert.True(_account.IsLive(session.SessionId, T0.AddSeconds(11)));
    }

    [Fact]
    public void Reusing_a_rotated_token_after_the_grace_ends_the_session()
    {
        var session = Start(Phone, "r1");
        _account.Refresh(session.SessionId, TokenHash.Of("r1"), TokenHash.Of("r2"), T0);

        var reused = _account.Refresh(session.SessionId, TokenHash.Of("r1"), TokenHash.Of("r2"), T0.AddSeconds(11));

        Assert.Null(reused);
        Assert.False(_account.IsLive(session.SessionId, T0.AddSeconds(11)));
        Assert.Equal(DeviceNoticeKind.SessionEnded, _state.Outbox["phone"].Kind);
    }

    [Fact]
    public void Reusing_an_older_token_even_within_the_grace_ends_the_session()
    {
        var session = Start(Phone, "r1");
        _account.Refresh(session.SessionId, TokenHash.Of("r1"), TokenHash.Of("r2"), T0);
        _account.Refresh(session.SessionId, TokenHash.Of("r2"), TokenHash.Of("r3"), T0.AddSeconds(1));

        Assert.Null(_account.Refresh(session.SessionId, TokenHash.Of("r1"), TokenHash.Of("r2"), T0.AddSeconds(2)));
        Assert.False(_account.IsLive(session.SessionId, T0.AddSeconds(2)));
    }

    [Fact]
    public void A_user_has_one_session_per_device()
    {
        var first = Start(Phone);
        var second = Start(Phone);
        Start(Laptop);

        Assert.False(_account.IsLive(first.SessionId, T0));
        Assert.True(_account.IsLive(second.SessionId, T0));
        Assert.Equal(2, _account.Sessions().Count);
    }

    [Fact]
    public void Logging_out_with_a_refresh_token_twice_is_quiet_but_a_forged_one_is_refused()
    {
        var session = Start(Phone, "secret");

        Assert.True(_account.EndSessionWithRefreshToken(session.SessionId, TokenHash.Of("secret"), T0));
        Assert.False(_account.EndSessionWithRefreshToken(session.SessionId, TokenHash.Of("secret"), T0));
        var refusal = Assert.Throws<SessionsException>(
            () => _account.EndSessionWithRefreshToken(session.SessionId, TokenHash.Of("forged"), T0));
        Assert.Equal(ErrorCodes.InvalidSession, refusal.Code);
    }

    [Fact]
    public void Revoking_tells_every_device_with_a_session_and_keeps_the_devices()
    {
        Start(Phone);
        Start(Laptop);
        _state.Outbox.Clear();

        _account.EndSessions(SessionEndReason.Revoked);

        Assert.Equal(["laptop", "phone"], _state.Outbox.Keys.Order());
        Assert.All(_state.Outbox.Values, n => Assert.Equal(DeviceNoticeKind.SessionEnded, n.Kind));
        Assert.All(_state.Outbox.Values, n => Assert.Equal(SessionEndReason.Revoked, n.Reason));
        Assert.Equal(2, _account.AdminView().DeviceIds.Count);
    }

    [Fact]
    public void Every_notice_carries_a_higher_version()
    {
        Start(Phone);
        var first = _state.Outbox["phone"].Version;
        _account.EndSessions(SessionEndReason.Revoked);

        Assert.True(_state.Outbox["phone"].Version > first);
    }

    [Fact]
    public void Disabled_and_pending_accounts_cannot_log_in_and_deleted_ones_are_unknown()
    {
        _account.Disable();
        Assert.Equal(ErrorCodes.UserDisabled, Assert.Throws<SessionsException>(_account.EnsureCanLogIn).Code);

        _account.Enable();
        _account.EnsureCanLogIn();

        _account.Delete();
        Assert.Equal(ErrorCodes.InvalidCredentials, Assert.Throws<SessionsException>(_account.EnsureCanLogIn).Code);

        var pending = new UserAccount("u2", new UserState(), _policy);
        pending.CreateRegistered("p@example.com", TokenHash.Of("c"), T0);
        Assert.Equal(ErrorCodes.UserPending, Assert.Throws<SessionsException>(pending.EnsureCanLogIn).Code);
    }

    [Fact]
    public void A_confirmation_token_is_refused_when_wrong_or_expired()
    {
        var pending = new UserAccount("u2", new UserState(), _policy);
        pending.CreateRegistered("p@example.com", TokenHash.Of("c"), T0);

        Assert.Throws<SessionsException>(() => pending.ConfirmWithToken(TokenHash.Of("other"), T0));
        Assert.Throws<SessionsException>(() => pending.ConfirmWithToken(TokenHash.Of("c"), T0 + _policy.ConfirmationTokenLifetime));
        pending.ConfirmWithToken(TokenHash.Of("c"), T0.AddMinutes(1));
        Assert.Equal(UserStatus.Confirmed, pending.Profile().Status);
    }

    [Fact]
    public void An_anonymous_account_is_deleted_when_its_session_ends()
    {
        var anonymous = new UserAccount("anon", new UserState(), _policy);
        anonymous.CreateAnonymous(T0);
        var session = anonymous.StartSession(new NewSession(Phone, TokenHash.Of("r")), T0);

        anonymous.EndSession(session, SessionEndReason.Logout);

        Assert.False(anonymous.Exists);
    }

    [Fact]
    public void Deleting_removes_the_user_from_every_device()
    {
        Start(Phone);
        Start(Laptop);
        _account.RemoveFromDevice("laptop");
        Start(Laptop);

        _account.Delete();

        Assert.False(_account.Exists);
        Assert.All(_state.Outbox.Values, n => Assert.Equal(DeviceNoticeKind.Removed, n.Kind));
        Assert.Equal(2, _state.Outbox.Count);
    }
}
