using Orleans.Concurrency;
using OrleansSessions.Abstractions.Devices;

namespace OrleansSessions.Abstractions.Users;

/// <summary>A user's sessions: login, refresh rotation, the checks devices make, and ending them.</summary>
[Alias("OrleansSessions.IUserSessionsGrain")]
public interface IUserSessionsGrain : IGrainWithStringKey
{
    [Alias("Login")]
    Task<SessionGrant> Login(NewSession session);

    /// <summary>
    /// Rotates the session's refresh token from <paramref name="presented"/> to <paramref name="successor"/>
    /// (derived from it, so parallel refreshes agree on it); a reuse of an old token ends the session.
    /// </summary>
    [Alias("Refresh")]
    Task<SessionGrant> Refresh(string sessionId, TokenHash presented, TokenHash successor);

    /// <summary>Ends the session of this refresh token; fine when it had ended already.</summary>
    [Alias("LogoutWithRefreshToken")]
    Task LogoutWithRefreshToken(string sessionId, TokenHash refreshTokenHash);

    /// <summary>Whether the session is live; callable while the grain is busy (devices check with it).</summary>
    [AlwaysInterleave, ReadOnly, Alias("IsSessionLive")]
    Task<bool> IsSessionLive(string sessionId);

    /// <summary>
    /// A device's check of the user's session there: whether it is live, with the notice still on its way to that
    /// device. Callable while the grain is busy, as a change it is delivering may be what the device waits for.
    /// </summary>
    [AlwaysInterleave, ReadOnly, Alias("CheckDeviceSession")]
    Task<SessionCheck> CheckDeviceSession(string deviceId, string sessionId);

    /// <summary>Ends this user's session on a device (a device's log out); idempotent.</summary>
    [Alias("LogOutOfDevice")]
    Task LogOutOfDevice(string deviceId, string? sessionId);

    /// <summary>Logs the user out of a device and takes it off the device.</summary>
    [Alias("RemoveFromDevice")]
    Task RemoveFromDevice(string deviceId);

    [Alias("GetSessions")]
    Task<IReadOnlyList<SessionInfo>> GetSessions(string sessionId);

    [SingleAttempt, Alias("EndSession")]
    Task EndSession(string sessionId, string targetSessionId);

    [SingleAttempt, Alias("EndSessions")]
    Task EndSessions(string sessionId, bool keepCurrent);
}
