using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Users;

/// <summary>
/// The domain classes of one user over its persisted state, and the rules that span them: a session that starts or
/// ends is told to its device, an anonymous user whose session ends is deleted (rule 8), a deleted user leaves every
/// device. No I/O and no clock of its own; every notice lands in the outbox, written with the change.
/// </summary>
public sealed class UserAggregate
{
    public UserAggregate(string userId, UserState state, SessionPolicyOptions policy)
    {
        Account = new UserAccount(userId, state);
        Sessions = new SessionBook(state, policy);
        Tokens = new AccountTokens(state, policy);
        Outbox = new Outbox(state);
        Devices = new UserDevices(userId, state, Outbox);
        Listing = new DirectoryListing(userId, state, Sessions, Outbox);
    }

    public UserAccount Account { get; }

    public SessionBook Sessions { get; }

    public AccountTokens Tokens { get; }

    public UserDevices Devices { get; }

    public Outbox Outbox { get; }

    public DirectoryListing Listing { get; }

    public void CreateRegistered(string email, TokenHash? confirmationTokenHash, DateTimeOffset now)
    {
        Account.CreateRegistered(email, pending: confirmationTokenHash is not null, now);
        if (confirmationTokenHash is not null)
        {
            Tokens.IssueConfirmation(confirmationTokenHash, now);
        }
    }

    /// <summary>
    /// Rule 1: a new session on the device, replacing the one the user had there; at the user's session limit, the
    /// least recently used session ends first.
    /// </summary>
    public SessionRecord StartSession(NewSession request, DateTimeOffset now)
    {
        if (Sessions.On(request.Device.DeviceId) is { } replaced)
        {
            Sessions.Forget(replaced);
        }
        else if (Sessions.LeastRecentlyUsedAtLimit() is { } forgotten)
        {
            EndSession(forgotten, SessionEndReason.SessionEnded);
        }

        var session = Sessions.Start(request, now);
        Devices.Hold(session.DeviceId);
        Account.MarkLoggedIn(now);
        Devices.Notify(session.DeviceId, DeviceNoticeKind.SignedIn, session.SessionId, SessionEndReason.Logout);
        return session;
    }

    /// <summary>Rotates the session's refresh token; a reuse ends the session, and the result is none.</summary>
    public SessionRecord? Refresh(string sessionId, TokenHash presented, TokenHash successor, DateTimeOffset now)
    {
        var session = Sessions.Find(sessionId);
        if (Sessions.Rotate(sessionId, presented, successor, now))
        {
            return session;
        }

        EndSession(session!, SessionEndReason.Revoked);
        return null;
    }

    /// <summary>Ends the session of a refresh token; false when it had ended already.</summary>
    public bool EndSessionWithRefreshToken(string sessionId, TokenHash refreshTokenHash, DateTimeOffset now)
    {
        if (Sessions.WithRefreshToken(sessionId, refreshTokenHash, now) is not { } session)
        {
            return false;
        }

        EndSession(session, SessionEndReason.Logout);
        return true;
    }

    /// <summary>Ends one session and tells its device; an anonymous user's ending session deletes it (rule 8).</summary>
    public void EndSession(SessionRecord session, SessionEndReason reason)
    {
        if (Account.IsAnonymous)
        {
            Delete();
            return;
        }

        Sessions.Forget(session);
        SessionsMetrics.SessionsEnded.Add(1, SessionsMetrics.Tag("reason", DeviceEvent.ReasonOf(reason)));
        Devices.Notify(session.DeviceId, DeviceNoticeKind.SessionEnded, session.SessionId, reason);
    }

    /// <summary>Ends every session, or every one but <paramref name="keepSessionId"/>.</summary>
    public void EndSessions(SessionEndReason reason, string? keepSessionId = null)
    {
        foreach (var session in Sessions.All.Where(s => s.SessionId != keepSessionId).ToList())
        {
            EndSession(session, reason);
        }
    }

    /// <summary>Ends every session opened with the API key; false when there was none.</summary>
    public bool EndApiKeySessions(string apiKeyId)
    {
        var sessions = Sessions.All.Where(s => s.ApiKeyId == apiKeyId).ToList();
        foreach (var session in sessions)
        {
            EndSession(session, SessionEndReason.SessionEnded);
        }

        return sessions.Count > 0;
    }

    /// <summary>Tells a device once more that the user's session there has ended (it may have missed it).</summary>
    public void ConfirmLoggedOut(string deviceId, string sessionId) =>
        Devices.Notify(deviceId, DeviceNoticeKind.SessionEnded, sessionId, SessionEndReason.Logout);

    /// <summary>
    /// Rule 6: logged out of the device and taken off it; an anonymous account is deleted. The device is told
    /// even when the account is gone already, in case it missed that.
    /// </summary>
    public void RemoveFromDevice(string deviceId)
    {
        if (Account.Exists && Account.IsAnonymous)
        {
            Delete();
        }
        else if (Sessions.On(deviceId) is { } session)
        {
            Sessions.Forget(session);
        }

        Devices.Drop(deviceId);
        Devices.Notify(deviceId, DeviceNoticeKind.Removed, null, SessionEndReason.Logout);
    }

    /// <summary>Disable: as a revoke, and no login until enabled; a disabled anonymous user is deleted.</summary>
    public void Disable()
    {
        Account.Disable();
        if (Account.IsAnonymous)
        {
            Delete();
            return;
        }

        EndSessions(SessionEndReason.Disabled);
    }

    /// <summary>The account and its sessions are gone, and it is taken off every device that held it.</summary>
    public void Delete()
    {
        foreach (var session in Sessions.All.ToList())
        {
            Sessions.Forget(session);
            SessionsMetrics.SessionsEnded.Add(1, SessionsMetrics.Tag("reason", DeviceEvent.ReasonOf(SessionEndReason.Deleted)));
        }

        foreach (var deviceId in Devices.All)
        {
            Devices.Notify(deviceId, DeviceNoticeKind.Removed, null, SessionEndReason.Deleted);
        }

        Devices.Clear();
        Account.MarkDeleted();
    }

    /// <summary>Adds an identity. A linked anonymous user is anonymous no more, and its devices hear of it.</summary>
    public void Link(UserIdentity identity, string? email = null)
    {
        Account.AddIdentity(identity, email);
        foreach (var deviceId in Devices.All)
        {
            Devices.Notify(deviceId, DeviceNoticeKind.ProfileChanged, Sessions.On(deviceId)?.SessionId, SessionEndReason.Logout);
        }
    }

    /// <summary>
    /// The mailbox owner used a token sent to the email: every session ends, and at the first proof every other
    /// identity goes too (their identity grains are freed through the outbox), so the owner is alone in the account.
    /// Returns the identities removed.
    /// </summary>
    public IReadOnlyList<UserIdentity> ProveEmail(DateTimeOffset now)
    {
        var removed = Account.ProveEmail(now);
        foreach (var identity in removed.Where(UserAccount.IsExternal))
        {
            Outbox.Put(new ExternalIdentityRelease(Account.UserId, identity));
        }

        EndSessions(SessionEndReason.SessionEnded);
        return removed;
    }

    public AdminUser AdminView() => new(Account.Profile(), Sessions.List(), Devices.All.ToList());
}
