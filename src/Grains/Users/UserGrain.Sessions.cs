using Microsoft.Extensions.Logging;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Users;

/// <summary>The user grain's sessions: login, refresh rotation, the checks devices make, and ending them.</summary>
public sealed partial class UserGrain
{
    public async Task<SessionGrant> Login(NewSession session)
    {
        await EnsureCanLogIn(session);
        return await StartSession(session);
    }

    /// <summary>Refuses a login the account's standing does not allow, and notes the refusal of an existing account.</summary>
    private async Task EnsureCanLogIn(NewSession session)
    {
        try
        {
            User.Account.EnsureCanLogIn();
        }
        catch (SessionsException refusal) when (User.Account.Exists)
        {
            Audit(AuditActions.Login, AuditActions.ByDevice, session.Device.DeviceId, outcome: refusal.Code);
            await Persist(userChanged: false);
            throw;
        }
    }

    private async Task<SessionGrant> StartSession(NewSession session)
    {
        var started = User.StartSession(session, Now);
        Audit(AuditActions.Login, AuditActions.ByDevice, started.DeviceId, started.SessionId);
        await Commit();
        if (User.Devices.PendingFor(started.DeviceId) is not null)
        {
            // A login is acknowledged only once its device shows it (its silo may be lost): the gateway tries again.
            throw new SessionsException(ErrorCodes.Unavailable, "The device could not be told of the login yet; try again.");
        }

        return Grant(started);
    }

    public async Task<SessionGrant> Refresh(string sessionId, TokenHash presented, TokenHash successor)
    {
        var session = User.Refresh(sessionId, presented, successor, Now);
        if (session is null)
        {
            Audit(AuditActions.RefreshTokenReuse, AuditActions.BySystem, sessionId: sessionId, outcome: "session-ended");
            await Commit();
            LogRefreshTokenReused(UserId, sessionId);
            throw new SessionsException(ErrorCodes.InvalidSession, "The refresh token is not valid.");
        }

        await Commit();
        return Grant(session);
    }

    public async Task LogoutWithRefreshToken(string sessionId, TokenHash refreshTokenHash)
    {
        if (User.EndSessionWithRefreshToken(sessionId, refreshTokenHash, Now))
        {
            Audit(AuditActions.Logout, AuditActions.ByUser, sessionId: sessionId);
            await Commit();
        }
    }

    public Task<bool> IsSessionLive(string sessionId) => Task.FromResult(User.Sessions.IsLive(sessionId, Now));

    public Task<SessionCheck> CheckDeviceSession(string deviceId, string sessionId) =>
        Task.FromResult(new SessionCheck(User.Sessions.IsLive(sessionId, Now), User.Devices.PendingFor(deviceId)));

    public async Task LogOutOfDevice(string deviceId, string? sessionId)
    {
        if (User.Sessions.On(deviceId) is { } session && (sessionId is null || session.SessionId == sessionId))
        {
            User.EndSession(session, SessionEndReason.Logout);
        }
        else if (sessionId is not null)
        {
            User.ConfirmLoggedOut(deviceId, sessionId);
        }

        Audit(AuditActions.Logout, AuditActions.ByDevice, deviceId, sessionId);
        await Commit();
    }

    public async Task RemoveFromDevice(string deviceId)
    {
        User.RemoveFromDevice(deviceId);
        Audit(AuditActions.Remove, AuditActions.ByDevice, deviceId);
        await Commit();
    }

    public Task<IReadOnlyList<SessionInfo>> GetSessions(string sessionId)
    {
        User.Sessions.Check(sessionId, Now);
        return Task.FromResult(User.Sessions.List());
    }

    public async Task EndSession(string sessionId, string targetSessionId)
    {
        User.Sessions.Check(sessionId, Now);
        var target = User.Sessions.Find(targetSessionId)
            ?? throw new SessionsException(ErrorCodes.SessionNotFound, "The user has no session of this id.");
        User.EndSession(target, SessionEndReason.SessionEnded);
        Audit(AuditActions.Logout, AuditActions.ByUser, target.DeviceId, targetSessionId);
        await Commit();
    }

    public async Task EndSessions(string sessionId, bool keepCurrent)
    {
        User.Sessions.Check(sessionId, Now);
        User.EndSessions(SessionEndReason.SessionEnded, keepCurrent ? sessionId : null);
        Audit(AuditActions.Logout, AuditActions.ByUser, sessionId: keepCurrent ? null : sessionId);
        await Commit();
    }

    private SessionGrant Grant(SessionRecord session) =>
        new(UserId, session.SessionId, session.DeviceId, session.ExpiresAt);

    [LoggerMessage(5, LogLevel.Warning,
        "Security: a rotated refresh token of session {SessionId} of user {UserId} was used again; the session is ended")]
    private partial void LogRefreshTokenReused(string userId, string sessionId);
}
