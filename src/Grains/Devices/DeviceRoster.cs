using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;

namespace OrleansSessions.Grains.Devices;

/// <summary>
/// The rules of SPEC.md for the users on one device, as a plain class over the device's state: login, list, active
/// user, switch, log out, remove, and the fallback to the most recently active logged-in user. No I/O, no clock of
/// its own.
/// </summary>
public sealed class DeviceRoster(DeviceState state)
{
    /// <summary>The changes since the last <see cref="TakeEvents"/>, for live listeners (not persisted).</summary>
    private List<RosterEvent>? _events;

    public string? ActiveUserId
    {
        get => state.ActiveUserId;
        private set => state.ActiveUserId = value;
    }

    /// <summary>Grows with every change a client could see.</summary>
    public long Version
    {
        get => state.Version;
        private set => state.Version = value;
    }

    public int Count => state.Entries.Count;

    /// <summary>Every user on the device in first-login order.</summary>
    public IReadOnlyList<RosterEntry> Entries => state.Entries;

    /// <summary>The changes made since the last call, oldest first.</summary>
    public IReadOnlyList<RosterEvent> TakeEvents()
    {
        var events = _events ?? [];
        _events = null;
        return events;
    }

    public RosterEntry? Find(string userId) => state.Entries.Find(e => e.UserId == userId);

    public IReadOnlyList<DeviceUser> List() => state.Entries.ConvertAll(View);

    public DeviceUser? Active() => ActiveUserId is null ? null : View(Find(ActiveUserId)!);

    public DeviceUser View(RosterEntry entry) => new(
        entry.UserId,
        entry.UserId == ActiveUserId ? DeviceUserState.Active
            : entry.IsLoggedIn ? DeviceUserState.Inactive
            : DeviceUserState.LoggedOut,
        entry.Summary.ProviderType,
        entry.Summary.Email,
        entry.LastActiveAt);

    /// <summary>The logged-in anonymous user, if any (an anonymous login reuses it).</summary>
    public RosterEntry? LoggedInAnonymous() => state.Entries.Find(e => e.IsLoggedIn && e.Summary.IsAnonymous);

    /// <summary>Applies a user grain's notice. Returns false when it was old news and changed nothing.</summary>
    public bool Apply(DeviceNotice notice, DateTimeOffset now)
    {
        var entry = Find(notice.UserId);
        if (entry is not null && notice.Version <= entry.UserVersion)
        {
            return false;
        }

        switch (notice.Kind)
        {
            case DeviceNoticeKind.SignedIn:
                SignIn(entry, notice, now);
                return true;
            case DeviceNoticeKind.SessionEnded when entry is not null && entry.SessionId == notice.SessionId:
                entry.UserVersion = notice.Version;
                EndSession(entry, notice.Reason);
                return true;
            case DeviceNoticeKind.Removed when entry is not null:
                Remove(entry);
                return true;
            case DeviceNoticeKind.ProfileChanged when entry is not null:
                entry.UserVersion = notice.Version;
                entry.Summary = notice.Summary;
                Version++;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Makes a logged-in user active without re-authentication (rule 4).</summary>
    public RosterEntry Switch(string userId, bool allowWithoutReauthentication, DateTimeOffset now)
    {
        var entry = SwitchTarget(userId, allowWithoutReauthentication);
        MakeActive(entry, now);
        return entry;
    }

    /// <summary>The user a switch would make active, or the reason it may not (rule 4).</summary>
    public RosterEntry SwitchTarget(string userId, bool allowWithoutReauthentication)
    {
        var entry = Find(userId) ?? throw new SessionsException(
            ErrorCodes.UserNotOnDevice, "The user is not on this device.");
        if (!entry.IsLoggedIn)
        {
            throw new SessionsException(ErrorCodes.UserLoggedOut, "The user is logged out on this device; it must log in again.");
        }

        if (!allowWithoutReauthentication && userId != ActiveUserId)
        {
            throw new SessionsException(
                ErrorCodes.ReauthenticationRequired, "This device requires the user to log in again to switch to it.");
        }

        return entry;
    }

    /// <summary>Records that a user's session here has ended, as found by checking with its user grain.</summary>
    public void SessionFoundEnded(RosterEntry entry) => EndSession(entry, SessionEndReason.SessionEnded);

    private void SignIn(RosterEntry? entry, DeviceNotice notice, DateTimeOffset now)
    {
        if (entry is null)
        {
            entry = new RosterEntry { UserId = notice.UserId, Summary = notice.Summary };
            state.Entries.Add(entry);
        }

        entry.Summary = notice.Summary;
        entry.SessionId = notice.SessionId;
        entry.UserVersion = notice.Version;
        Version++;
        Record(DeviceEvent.UserLoggedIn, entry.UserId);
        MakeActive(entry, now);
    }

    private void MakeActive(RosterEntry entry, DateTimeOffset now)
    {
        entry.LastActiveAt = now;
        entry.ActivityOrder = ++state.ActivityClock;
        SetActive(entry.UserId);
    }

    /// <summary>Rules 5 and 8: a logged-out user stays listed, except an anonymous one, which is removed.</summary>
    private void EndSession(RosterEntry entry, SessionEndReason reason)
    {
        if (entry.Summary.IsAnonymous)
        {
            Remove(entry);
            return;
        }

        entry.SessionId = null;
        Version++;
        Record(DeviceEvent.UserLoggedOut, entry.UserId, DeviceEvent.ReasonOf(reason));
        if (entry.UserId == ActiveUserId)
        {
            FallBack();
        }
    }

    private void Remove(RosterEntry entry)
    {
        state.Entries.Remove(entry);
        Version++;
        Record(DeviceEvent.UserRemoved, entry.UserId);
        if (entry.UserId == ActiveUserId)
        {
            FallBack();
        }
    }

    /// <summary>Rule 7: the remaining logged-in user that was most recently active, or none.</summary>
    private void FallBack() => SetActive(state.Entries.Where(e => e.IsLoggedIn).MaxBy(e => e.ActivityOrder)?.UserId);

    private void SetActive(string? userId)
    {
        if (userId != ActiveUserId)
        {
            ActiveUserId = userId;
            Version++;
            Record(DeviceEvent.ActiveUserChanged, userId);
        }
    }

    private void Record(string type, string? userId, string? reason = null) =>
        (_events ??= []).Add(new RosterEvent(type, Version, userId, reason));
}
