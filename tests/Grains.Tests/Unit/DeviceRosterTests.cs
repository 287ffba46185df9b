using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Grains.Devices;

namespace OrleansSessions.Grains.Tests.Unit;

/// <summary>The device state machine of SPEC.md, rule by rule, without a cluster.</summary>
public sealed class DeviceRosterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly UserSummary Person = new("local-userpass", "a@example.com", IsAnonymous: false);
    private static readonly UserSummary Anonymous = new("anon-user", null, IsAnonymous: true);

    private readonly DeviceRoster _roster = new(new DeviceState());
    private long _version;

    private void SignIn(string userId, string sessionId, int minute = 0, UserSummary? summary = null) =>
        _roster.Apply(Notice(userId, DeviceNoticeKind.SignedIn, sessionId, summary), T0.AddMinutes(minute));

    private bool End(string userId, string sessionId, SessionEndReason reason = SessionEndReason.Logout) =>
        _roster.Apply(Notice(userId, DeviceNoticeKind.SessionEnded, sessionId, reason: reason), T0);

    private DeviceNotice Notice(
        string userId, DeviceNoticeKind kind, string? sessionId, UserSummary? summary = null,
        SessionEndReason reason = SessionEndReason.Logout) =>
        new(userId, ++_version, kind, sessionId, reason, summary ?? Person);

    private DeviceUserState StateOf(string userId) => _roster.List().Single(u => u.UserId == userId).State;

    [Fact]
    public void Login_puts_the_user_on_the_device_and_makes_it_active()
    {
        SignIn("u1", "s1");

        Assert.Equal("u1", _roster.ActiveUserId);
        Assert.Equal(DeviceUserState.Active, StateOf("u1"));
    }

    [Fact]
    public void A_second_login_makes_the_new_user_active_and_the_first_inactive()
    {
        SignIn("u1", "s1");
        SignIn("u2", "s2", minute: 1);

        Assert.Equal("u2", _roster.ActiveUserId);
        Assert.Equal(DeviceUserState.Inactive, StateOf("u1"));
    }

    [Fact]
    public void Relogin_keeps_the_users_place_and_never_lists_it_twice()
    {
        SignIn("u1", "s1");
        SignIn("u2", "s2");
        SignIn("u1", "s3");

        Assert.Equal(["u1", "u2"], _roster.List().Select(u => u.UserId));
        Assert.Equal("s3", _roster.Find("u1")!.SessionId);
        Assert.Equal("u1", _roster.ActiveUserId);
    }

    [Fact]
    public void List_is_in_first_login_order_with_logged_out_users()
    {
        SignIn("u1", "s1");
        SignIn("u2", "s2");
        SignIn("u3", "s3");
        End("u2", "s2");

        Assert.Equal(["u1", "u2", "u3"], _roster.List().Select(u => u.UserId));
        Assert.Equal(
            [DeviceUserState.Inactive, DeviceUserState.LoggedOut, DeviceUserState.Active],
            _roster.List().Select(u => u.State));
    }

    [Fact]
    public void Active_user_is_none_when_nobody_is_logged_in()
    {
        SignIn("u1", "s1");
        End("u1", "s1");

        Assert.Null(_roster.ActiveUserId);
        Assert.Null(_roster.Active());
        Assert.Equal(DeviceUserState.LoggedOut, StateOf("u1"));
    }

    [Fact]
    public void Switch_makes_a_logged_in_user_active_and_updates_its_last_active_time()
    {
        SignIn("u1", "s1");
        SignIn("u2", "s2", minute: 1);

        var entry = _roster.Switch("u1", allowWithoutReauthentication: true, T0.AddMinutes(5));

        Assert.Equal("u1", _roster.ActiveUserId);
        Assert.Equal(T0.AddMinutes(5), entry.LastActiveAt);
        Assert.Equal(DeviceUserState.Inactive, StateOf("u2"));
    }

    [Fact]
    public void Switch_to_a_logged_out_user_fails_and_changes_nothing()
    {
        SignIn("u1", "s1");
        SignIn("u2", "s2");
        End("u1", "s1");
        var version = _roster.Version;

        var refusal = Assert.Throws<SessionsException>(() => _roster.Switch("u1", true, T0));

        Assert.Equal(ErrorCodes.UserLoggedOut, refusal.Code);
        Assert.Equal("u2", _roster.ActiveUserId);
        Assert.Equal(version, _roster.Version);
    }

    [Fact]
    public void Switch_to_a_user_not_on_the_device_fails()
    {
        SignIn("u1", "s1");

        var refusal = Assert.Throws<SessionsException>(() => _roster.Switch("nobody", true, T0));

        Assert.Equal(ErrorCodes.UserNotOnDevice, refusal.Code);
        Assert.Equal("u1", _roster.ActiveUserId);
    }

    [Fact]
    public void A_device_that_refuses_switching_still_allows_the_active_user()
    {
        SignIn("u1", "s1");
        SignIn("u2", "s2");

        var refusal = Assert.Throws<SessionsException>(() => _roster.Switch("u1", false, T0));
        _roster.Switch("u2", false, T0);

        Assert.Equal(ErrorCodes.ReauthenticationRequired, refusal.Code);
        Assert.Equal("u2", _roster.ActiveUserId);
    }

    [Fact]
    public void Logging_out_a_user_that_is_not_active_keeps_the_active_user()
    {
        SignIn("u1", "s1");
        SignIn("u2", "s2");

        End("u1", "s1");

        Assert.Equal("u2", _roster.ActiveUserId);
        Assert.Equal(DeviceUserState.LoggedOut, StateOf("u1"));
    }

    [Fact]
    public void Logging_out_twice_changes_nothing_the_second_time()
    {
        SignIn("u1", "s1");
        Assert.True(End("u1", "s1"));
        var version = _roster.Version;

        Assert.False(End("u1", "s1"));
        Assert.Equal(version, _roster.Version);
    }

    [Fact]
    public void Fallback_picks_the_most_recently_active_logged_in_user_among_several()
    {
        SignIn("u1", "s1", minute: 1);
        SignIn("u2", "s2", minute: 2);
        SignIn("u3", "s3", minute: 3);
        SignIn("u4", "s4", minute: 4);
        _roster.Switch("u2", true, T0.AddMinutes(5));
        _roster.Switch("u4", true, T0.AddMinutes(6));

        End("u4", "s4");
        Assert.Equal("u2", _roster.ActiveUserId);

        End("u2", "s2");
        Assert.Equal("u3", _roster.ActiveUserId);

        _roster.Apply(Notice("u3", DeviceNoticeKind.Removed, null), T0);
        Assert.Equal("u1", _roster.ActiveUserId);

        End("u1", "s1", SessionEndReason.Revoked);
        Assert.Null(_roster.ActiveUserId);
    }

    [Fact]
    public void Fallback_follows_activity_order_even_when_the_clock_stands_still()
    {
        SignIn("u1", "s1");
        SignIn("u2", "s2");
        SignIn("u3", "s3");
        _roster.Switch("u1", true, T0);
        _roster.Switch("u3", true, T0);

        End("u3", "s3");

        Assert.Equal("u1", _roster.ActiveUserId);
    }

    [Fact]
    public void Remove_takes_the_user_off_the_device()
    {
        SignIn("u1", "s1");
        SignIn("u2", "s2");

        _roster.Apply(Notice("u2", DeviceNoticeKind.Removed, null), T0);

        Assert.Equal(["u1"], _roster.List().Select(u => u.UserId));
        Assert.Equal("u1", _roster.ActiveUserId);
    }

    [Fact]
    public void An_anonymous_user_whose_session_ends_is_removed()
    {
        SignIn("u1", "s1");
        SignIn("anon", "s2", summary: Anonymous);
        Assert.Equal("anon", _roster.LoggedInAnonymous()?.UserId);

        End("anon", "s2");

        Assert.Null(_roster.Find("anon"));
        Assert.Null(_roster.LoggedInAnonymous());
        Assert.Equal("u1", _roster.ActiveUserId);
    }

    [Fact]
    public void A_notice_for_an_older_session_does_not_end_the_new_one()
    {
        SignIn("u1", "s1");
        SignIn("u1", "s2");

        Assert.False(End("u1", "s1"));
        Assert.Equal(DeviceUserState.Active, StateOf("u1"));
    }

    [Fact]
    public void A_notice_older_than_what_the_device_knows_is_ignored()
    {
        var late = Notice("u1", DeviceNoticeKind.SessionEnded, "s1");
        SignIn("u1", "s1");

        Assert.False(_roster.Apply(late, T0));
        Assert.Equal(DeviceUserState.Active, StateOf("u1"));
    }

    [Fact]
    public void A_repeated_notice_is_applied_once()
    {
        SignIn("u1", "s1");
        var ended = Notice("u1", DeviceNoticeKind.SessionEnded, "s1");

        Assert.True(_roster.Apply(ended, T0));
        Assert.False(_roster.Apply(ended, T0));
    }

    [Fact]
    public void Last_active_changes_on_login_and_switch_only()
    {
        SignIn("u1", "s1", minute: 1);
        SignIn("u2", "s2", minute: 2);
        _roster.Apply(Notice("u1", DeviceNoticeKind.ProfileChanged, "s1"), T0.AddMinutes(3));
        Assert.Equal(T0.AddMinutes(1), _roster.Find("u1")!.LastActiveAt);

        _roster.Switch("u1", true, T0.AddMinutes(4));
        Assert.Equal(T0.AddMinutes(4), _roster.Find("u1")!.LastActiveAt);
    }

    [Fact]
    public void A_session_found_ended_on_a_check_logs_the_user_out_with_fallback()
    {
        SignIn("u1", "s1");
        SignIn("u2", "s2");

        _roster.SessionFoundEnded(_roster.Find("u2")!);

        Assert.Equal(DeviceUserState.LoggedOut, StateOf("u2"));
        Assert.Equal("u1", _roster.ActiveUserId);
    }

    [Fact]
    public void Every_change_is_an_event_with_a_growing_version()
    {
        SignIn("u1", "s1");
        SignIn("u2", "s2");
        _roster.TakeEvents();

        End("u2", "s2", SessionEndReason.Revoked);
        _roster.Apply(Notice("u1", DeviceNoticeKind.Removed, null), T0);
        var events = _roster.TakeEvents();

        Assert.Equal(
            [DeviceEvent.UserLoggedOut, DeviceEvent.ActiveUserChanged, DeviceEvent.UserRemoved, DeviceEvent.ActiveUserChanged],
            events.Select(e => e.Type));
        Assert.Equal("revoked", events[0].Reason);
        Assert.Equal(["u1", null], events.Where(e => e.Type == DeviceEvent.ActiveUserChanged).Select(e => e.UserId));
        Assert.Equal(events.Select(e => e.Version).Order(), events.Select(e => e.Version));
        Assert.Equal(_roster.Version, events[^1].Version);
        Assert.Empty(_roster.TakeEvents());
    }

    [Fact]
    public void A_login_is_a_logged_in_event_and_an_active_user_change_and_a_failed_switch_is_none()
    {
        SignIn("u1", "s1");
        Assert.Equal([DeviceEvent.UserLoggedIn, DeviceEvent.ActiveUserChanged], _roster.TakeEvents().Select(e => e.Type));

        Assert.Throws<SessionsException>(() => _roster.Switch("nobody", true, T0));
        Assert.Empty(_roster.TakeEvents());
    }
}
