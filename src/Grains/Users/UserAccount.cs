using System.Text.Json.Nodes;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Users;

/// <summary>
/// The rules of one account as a plain class over its state: lifecycle, sessions, and what each device must be
/// told. Every change that a device should hear of leaves a notice in the state's outbox, written with it.
/// </summary>
public sealed class UserAccount(string userId, UserState state, SessionPolicyOptions policy)
{
    public string UserId => userId;

    public bool Exists => state.Status is not null && !state.Deleted;

    /// <summary>An anonymous user is one whose only identity is <c>anon-user</c>; it is never kept logged out.</summary>
    public bool IsAnonymous => state.Identities is [{ ProviderType: ProviderTypes.Anonymous }];

    public UserSummary Summary => new(
        state.Identities.FirstOrDefault()?.ProviderType ?? ProviderTypes.LocalUserPass, state.Email, IsAnonymous);

    public IEnumerable<string> Emails => state.Identities
        .Where(i => i.ProviderType == ProviderTypes.LocalUserPass).Select(_ => state.Email!);

    /// <summary>The identities at external issuers, each of which an identity grain binds to this user.</summary>
    public IEnumerable<UserIdentity> ExternalIdentities => state.Identities
        .Where(i => i.ProviderType == ProviderTypes.CustomToken);

    public void CreateRegistered(string email, TokenHash? confirmationTokenHash, DateTimeOffset now)
    {
        Create(ProviderTypes.LocalUserPass, now);
        state.Email = email;
        state.Status = confirmationTokenHash is null ? UserStatus.Confirmed : UserStatus.Pending;
        state.ConfirmationTokenHash = confirmationTokenHash;
        state.ConfirmationExpiresAt = now + policy.ConfirmationTokenLifetime;
    }

    public void CreateAnonymous(DateTimeOffset now)
    {
        Create(ProviderTypes.Anonymous, now);
        state.Status = UserStatus.Confirmed;
    }

    public void CreateExternal(UserIdentity identity, DateTimeOffset now)
    {
        state.CreatedAt = now;
        state.Identities = [identity];
        state.Status = UserStatus.Confirmed;
    }

    private void Create(string providerType, DateTimeOffset now) =>
        CreateExternal(new UserIdentity(providerType, Ids.New()), now);

    /// <summary>Refuses a login the account's standing does not allow.</summary>
    public void EnsureCanLogIn()
    {
        if (!Exists)
        {
            throw new SessionsException(ErrorCodes.InvalidCredentials, "The credentials are not valid.");
        }

        switch (state.Status)
        {
            case UserStatus.Pending:
                throw new SessionsException(ErrorCodes.UserPending, "The account is waiting for email confirmation.");
            case UserStatus.Disabled:
                throw new SessionsException(ErrorCodes.UserDisabled, "The account is disabled.");
        }
    }

    /// <summary>Rule 1: a new session on the device, replacing the one the user had there.</summary>
    public SessionRecord StartSession(NewSession request, DateTimeOffset now)
    {
        var deviceId = request.Device.DeviceId;
        if (state.Sessions.Values.FirstOrDefault(s => s.DeviceId == deviceId) is { } replaced)
        {
            Forget(replaced);
        }

        var session = new SessionRecord
        {
            SessionId = Ids.New(),
            DeviceId = deviceId,
            DeviceName = request.Device.Name,
            RefreshTokenHash = request.RefreshTokenHash,
            CreatedAt = now,
            LastUsedAt = now,
            ExpiresAt = now + policy.RefreshTokenLifetime,
        };
        state.Sessions[session.SessionId] = session;
        SessionsMetrics.LiveSessions.Add(1);
        if (!state.Devices.Contains(deviceId))
        {
            state.Devices.Add(deviceId);
        }

        state.HasLoggedIn = true;
        Notify(deviceId, DeviceNoticeKind.SignedIn, session.SessionId, SessionEndReason.Logout);
        return session;
    }

    /// <summary>A session is live until its absolute expiry, and, with an idle timeout, while it is in use.</summary>
    public bool IsLive(string sessionId, DateTimeOffset now) =>
        Exists
        && state.Sessions.TryGetValue(sessionId, out var session)
        && session.ExpiresAt > now
        && (policy.SessionIdleTimeout is not { } idle || session.LastUsedAt + idle > now);

    /// <summary>The caller's live session, or <c>session-revoked</c>.</summary>
    public SessionRecord CheckSession(string sessionId, DateTimeOffset now)
    {
        if (!IsLive(sessionId, now))
        {
            throw new SessionsException(ErrorCodes.SessionRevoked, "The session of this token has ended.");
        }

        var session = state.Sessions[sessionId];
        session.LastUsedAt = now;
        return session;
    }

    /// <summary>
    /// Rotates the session's refresh token to <paramref name="successor"/>. The token it replaced still gets the
    /// same successor during the reuse grace (tabs refreshing at once); presenting it later, or any older token of
    /// the session, is a reuse: the session ends, and the result is none.
    /// </summary>
    public SessionRecord? Refresh(string sessionId, TokenHash presented, TokenHash successor, DateTimeOffset now)
    {
        if (!IsLive(sessionId, now))
        {
            throw InvalidSession();
        }

        var session = state.Sessions[sessionId];
        if (session.RefreshTokenHash.Matches(presented))
        {
            if (session.PreviousRefreshTokenHash is { } previous)
            {
                session.RetiredRefreshTokenHashes.Add(previous);
                if (session.RetiredRefreshTokenHashes.Count > policy.RetiredRefreshTokensKept)
                {
                    session.RetiredRefreshTokenHashes.RemoveAt(0);
                }
            }

            session.PreviousRefreshTokenHash = presented;
            session.RefreshTokenHash = successor;
            session.RotatedAt = now;
            session.LastUsedAt = now;
            return session;
        }

        var isPrevious = session.PreviousRefreshTokenHash?.Matches(presented) == true;
        if (isPrevious && now - session.RotatedAt <= policy.RefreshTokenReuseGrace && session.RefreshTokenHash.Matches(successor))
        {
            session.LastUsedAt = now;
            return session;
        }

        if (isPrevious || session.RetiredRefreshTokenHashes.Any(h => h.Matches(presented)))
        {
            EndSession(session, SessionEndReason.Revoked);
            return null;
        }

        throw InvalidSession();
    }

    /// <summary>
    /// Ends the session of a refresh token, given any token the session handed out (a client may hold one from
    /// before a rotation); false when it had ended already.
    /// </summary>
    public bool EndSessionWithRefreshToken(string sessionId, TokenHash refreshTokenHash, DateTimeOffset now)
    {
        if (state.Sessions.TryGetValue(sessionId, out var session)
            && session.RefreshTokenHashes().Any(h => h.Matches(refreshTokenHash)))
        {
            EndSession(session, SessionEndReason.Logout);
            return true;
        }

        var endedOnce = state.RecentlyEnded.Any(e =>
            e.SessionId == sessionId && e.ExpiresAt > now && e.RefreshTokenHashes.Any(h => h.Matches(refreshTokenHash)));
        return endedOnce ? false : throw InvalidSession();
    }

    public SessionRecord? SessionOn(string deviceId) =>
        state.Sessions.Values.FirstOrDefault(s => s.DeviceId == deviceId);

    public SessionRecord? FindSession(string sessionId) => state.Sessions.GetValueOrDefault(sessionId);

    /// <summary>Ends one session and tells its device; an anonymous user's ending session deletes it (rule 8).</summary>
    public void EndSession(SessionRecord session, SessionEndReason reason)
    {
        if (IsAnonymous)
        {
            Delete();
            return;
        }

        Forget(session);
        SessionsMetrics.SessionsEnded.Add(1, SessionsMetrics.Tag("reason", DeviceEvent.ReasonOf(reason)));
        Notify(session.DeviceId, DeviceNoticeKind.SessionEnded, session.SessionId, reason);
    }

    /// <summary>Ends every session, or every one but <paramref name="keepSessionId"/>.</summary>
    public void EndSessions(SessionEndReason reason, string? keepSessionId = null)
    {
        foreach (var session in state.Sessions.Values.Where(s => s.SessionId != keepSessionId).ToList())
        {
            EndSession(session, reason);
        }
    }

    /// <summary>Tells a device once more that the user's session there has ended (it may have missed it).</summary>
    public void ConfirmLoggedOut(string deviceId, string sessionId) =>
        Notify(deviceId, DeviceNoticeKind.SessionEnded, sessionId, SessionEndReason.Logout);

    /// <summary>
    /// Rule 6: logged out of the device and taken off it; an anonymous account is deleted. The device is told
    /// even when the account is gone already, in case it missed that.
    /// </summary>
    public void RemoveFromDevice(string deviceId)
    {
        if (Exists && IsAnonymous)
        {
            Delete();
        }
        else if (SessionOn(deviceId) is { } session)
        {
            Forget(session);
        }

        state.Devices.Remove(deviceId);
        Notify(deviceId, DeviceNoticeKind.Removed, null, SessionEndReason.Logout);
    }

    /// <summary>The account and its sessions are gone, and it is taken off every device that held it.</summary>
    public void Delete()
    {
        foreach (var session in state.Sessions.Values.ToList())
        {
            Forget(session);
            SessionsMetrics.SessionsEnded.Add(1, SessionsMetrics.Tag("reason", DeviceEvent.ReasonOf(SessionEndReason.Deleted)));
        }

        foreach (var deviceId in state.Devices)
        {
            Notify(deviceId, DeviceNoticeKind.Removed, null, SessionEndReason.Deleted);
        }

        state.Devices.Clear();
        state.Deleted = true;
        state.CustomData = "{}";
        state.ConfirmationTokenHash = null;
    }

    /// <summary>A new confirmation token for a pending account (the old one stops working); false otherwise.</summary>
    public bool ReissueConfirmation(TokenHash tokenHash, DateTimeOffset now)
    {
        if (!Exists || state.Status != UserStatus.Pending)
        {
            return false;
        }

        state.ConfirmationTokenHash = tokenHash;
        state.ConfirmationExpiresAt = now + policy.ConfirmationTokenLifetime;
        return true;
    }

    /// <summary>Stores a password reset token for an account with an email identity; false otherwise.</summary>
    public bool StartPasswordReset(TokenHash tokenHash, DateTimeOffset now)
    {
        if (!Exists || state.Email is null)
        {
            return false;
        }

        state.PasswordResetTokenHash = tokenHash;
        state.PasswordResetExpiresAt = now + policy.PasswordResetTokenLifetime;
        return true;
    }

    /// <summary>Uses up a password reset token, returning the email whose password it resets.</summary>
    public string UsePasswordResetToken(TokenHash tokenHash, DateTimeOffset now)
    {
        if (!Exists || state.Email is null || !tokenHash.Matches(state.PasswordResetTokenHash)
            || state.PasswordResetExpiresAt <= now)
        {
            throw new SessionsException(ErrorCodes.InvalidToken, "The password reset token is not valid.");
        }

        state.PasswordResetTokenHash = null;
        return state.Email;
    }

    /// <summary>The email of the account's email/password identity, or <c>invalid-credentials</c>.</summary>
    public string RequireEmail() =>
        state.Email ?? throw new SessionsException(ErrorCodes.InvalidCredentials, "This user has no password.");

    public void Confirm()
    {
        if (state.Status == UserStatus.Pending)
        {
            state.Status = UserStatus.Confirmed;
            state.ConfirmationTokenHash = null;
        }
    }

    public void ConfirmWithToken(TokenHash tokenHash, DateTimeOffset now)
    {
        if (!Exists || state.Status != UserStatus.Pending || !tokenHash.Matches(state.ConfirmationTokenHash)
            || state.ConfirmationExpiresAt <= now)
        {
            throw new SessionsException(ErrorCodes.InvalidToken, "The confirmation token is not valid.");
        }

        Confirm();
    }

    /// <summary>Disable: as a revoke, and no login until enabled. A pending user cannot be disabled.</summary>
    public void Disable()
    {
        if (state.Status == UserStatus.Pending)
        {
            throw new SessionsException(ErrorCodes.UserPending, "A pending user cannot be disabled, only deleted.");
        }

        if (IsAnonymous)
        {
            Delete();
            return;
        }

        state.Status = UserStatus.Disabled;
        EndSessions(SessionEndReason.Disabled);
    }

    public void Enable()
    {
        if (state.Status == UserStatus.Disabled)
        {
            state.Status = UserStatus.Confirmed;
        }
    }

    public void SetCustomData(string json) => state.CustomData = json;

    /// <summary>Sets each property of <paramref name="json"/> (an object) in the custom data, keeping the others.</summary>
    public void MergeIntoCustomData(string json)
    {
        var copied = JsonNode.Parse(json)!.AsObject();
        if (copied.Count == 0)
        {
            return;
        }

        var data = JsonNode.Parse(state.CustomData)!.AsObject();
        foreach (var (name, value) in copied)
        {
            data[name] = value?.DeepClone();
        }

        state.CustomData = data.ToJsonString();
    }

    /// <summary>Refuses to give this account up for a link unless it was registered and never used.</summary>
    public void EnsureReleasableForLink()
    {
        EnsureCanLogIn();
        if (state.HasLoggedIn || state.Identities.Count != 1)
        {
            throw new SessionsException(ErrorCodes.IdentityInUse, "This identity belongs to a user that has logged in.");
        }
    }

    /// <summary>
    /// Adds an identity (with its email, for an email/password one, of which a user has at most one). A linked
    /// anonymous user is anonymous no more, and its devices hear of it.
    /// </summary>
    public void Link(UserIdentity identity, string? email = null)
    {
        if (email is not null && state.Email is not null || state.Identities.Contains(identity))
        {
            throw new SessionsException(ErrorCodes.IdentityInUse, "This user has such an identity already.");
        }

        state.Identities.Add(identity);
        state.Email ??= email;
        foreach (var deviceId in state.Devices)
        {
            Notify(deviceId, DeviceNoticeKind.ProfileChanged, SessionOn(deviceId)?.SessionId, SessionEndReason.Logout);
        }
    }

    public Profile Profile() => new(
        userId, state.Status!.Value, state.Email, state.Identities.ToList(), state.CustomData, state.CreatedAt);

    public IReadOnlyList<SessionInfo> Sessions() => state.Sessions.Values
        .OrderBy(s => s.CreatedAt)
        .Select(s => new SessionInfo(s.SessionId, s.DeviceId, s.DeviceName, s.CreatedAt, s.LastUsedAt))
        .ToList();

    public AdminUser AdminView() => new(Profile(), Sessions(), state.Devices.ToList());

    private void Forget(SessionRecord session)
    {
        state.Sessions.Remove(session.SessionId);
        SessionsMetrics.LiveSessions.Add(-1);
        state.RecentlyEnded.RemoveAll(e => e.ExpiresAt <= session.LastUsedAt);
        state.RecentlyEnded.Add(new EndedSession(session.SessionId, session.RefreshTokenHashes().ToList(), session.ExpiresAt));
        if (state.RecentlyEnded.Count > policy.RecentlyEndedSessionsKept)
        {
            state.RecentlyEnded.RemoveAt(0);
        }
    }

    private void Notify(string deviceId, DeviceNoticeKind kind, string? sessionId, SessionEndReason reason) =>
        state.Outbox[deviceId] = new DeviceNotice(userId, ++state.Version, kind, sessionId, reason, Summary);

    private static SessionsException InvalidSession() =>
        new(ErrorCodes.InvalidSession, "The refresh token is not valid.");
}
