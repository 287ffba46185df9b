using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Users;

/// <summary>
/// A user's sessions, one per device, and the rotation of their refresh tokens. A session lives until its absolute
/// expiry (and, with an idle timeout, while in use); one that ended is remembered a while, so that its refresh tokens
/// still log out quietly. What devices hear of it is <see cref="UserAggregate"/>'s business.
/// </summary>
public sealed class SessionBook(UserState state, SessionPolicyOptions policy)
{
    public IReadOnlyCollection<SessionRecord> All => state.Sessions.Values;

    public bool IsLive(string sessionId, DateTimeOffset now) =>
        state.Sessions.TryGetValue(sessionId, out var session)
        && session.ExpiresAt > now
        && (policy.SessionIdleTimeout is not { } idle || session.LastUsedAt + idle > now);

    /// <summary>The caller's live session, now in use, or <c>session-revoked</c>.</summary>
    public SessionRecord Check(string sessionId, DateTimeOffset now)
    {
        if (!IsLive(sessionId, now))
        {
            throw new SessionsException(ErrorCodes.SessionRevoked, "The session of this token has ended.");
        }

        var session = state.Sessions[sessionId];
        session.LastUsedAt = now;
        return session;
    }

    public SessionRecord? On(string deviceId) => state.Sessions.Values.FirstOrDefault(s => s.DeviceId == deviceId);

    public SessionRecord? Find(string sessionId) => state.Sessions.GetValueOrDefault(sessionId);

    /// <summary>The least recently used session when the user has as many as it may have, to end before one more.</summary>
    public SessionRecord? LeastRecentlyUsedAtLimit() =>
        state.Sessions.Count >= policy.MaxSessionsPerUser ? state.Sessions.Values.MinBy(s => s.LastUsedAt) : null;

    /// <summary>A new session on the device; the caller ends the one the user had there first.</summary>
    public SessionRecord Start(NewSession request, DateTimeOffset now)
    {
        var session = new SessionRecord
        {
            SessionId = Ids.New(),
            DeviceId = request.Device.DeviceId,
            DeviceName = request.Device.Name,
            RefreshTokenHash = request.RefreshTokenHash,
            CreatedAt = now,
            LastUsedAt = now,
            ExpiresAt = now + policy.RefreshTokenLifetime,
            ApiKeyId = request.ApiKeyId,
        };
        state.Sessions[session.SessionId] = session;
        SessionsMetrics.LiveSessions.Add(1);
        return session;
    }

    /// <summary>
    /// Rotates the session's refresh token to <paramref name="successor"/>. The token it replaced still gets the
    /// same successor during the reuse grace (tabs refreshing at once). Presenting it later, or any older token of
    /// the session, is a reuse: the answer is false and the caller ends the session. Anything else is
    /// <c>invalid-session</c>.
    /// </summary>
    public bool Rotate(string sessionId, TokenHash presented, TokenHash successor, DateTimeOffset now)
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
            return true;
        }

        var isPrevious = session.PreviousRefreshTokenHash?.Matches(presented) == true;
        if (isPrevious && now - session.RotatedAt <= policy.RefreshTokenReuseGrace && session.RefreshTokenHash.Matches(successor))
        {
            session.LastUsedAt = now;
            return true;
        }

        return isPrevious || session.RetiredRefreshTokenHashes.Any(h => h.Matches(presented))
            ? false
            : throw InvalidSession();
    }

    /// <summary>The live session whose current refresh token this is, now in use, or <c>invalid-session</c>.</summary>
    public SessionRecord CheckRefreshToken(string sessionId, TokenHash refreshTokenHash, DateTimeOffset now) =>
        IsLive(sessionId, now) && state.Sessions[sessionId].RefreshTokenHash.Matches(refreshTokenHash)
            ? Check(sessionId, now)
            : throw InvalidSession();

    /// <summary>
    /// The live session of a refresh token, given any token the session handed out (a client may hold one from
    /// before a rotation); none when that session ended recently, <c>invalid-session</c> when it never was.
    /// </summary>
    public SessionRecord? WithRefreshToken(string sessionId, TokenHash refreshTokenHash, DateTimeOffset now)
    {
        if (state.Sessions.TryGetValue(sessionId, out var session)
            && session.RefreshTokenHashes().Any(h => h.Matches(refreshTokenHash)))
        {
            return session;
        }

        var endedOnce = state.RecentlyEnded.Any(e =>
            e.SessionId == sessionId && e.ExpiresAt > now && e.RefreshTokenHashes.Any(h => h.Matches(refreshTokenHash)));
        return endedOnce ? null : throw InvalidSession();
    }

    /// <summary>Ends a session, remembering its refresh tokens for a quiet logout.</summary>
    public void Forget(SessionRecord session)
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

    public IReadOnlyList<SessionInfo> List() => state.Sessions.Values
        .OrderBy(s => s.CreatedAt)
        .Select(s => new SessionInfo(s.SessionId, s.DeviceId, s.DeviceName, s.CreatedAt, s.LastUsedAt))
        .ToList();

    private static SessionsException InvalidSession() =>
        new(ErrorCodes.InvalidSession, "The refresh token is not valid.");
}
