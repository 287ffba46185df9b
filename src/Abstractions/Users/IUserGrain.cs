using Orleans.Concurrency;
using OrleansSessions.Abstractions.Devices;

namespace OrleansSessions.Abstractions.Users;

/// <summary>
/// One account (key: user id): identities, status, custom data, sessions and the devices that hold it. The one
/// place where a session is created, refreshed, checked and ended. After every change that ends a session it
/// tells each device concerned, and it has persisted what it still has to tell before it answers.
/// Calls that act for a signed-in user carry its session id, checked first (<c>session-revoked</c>).
/// </summary>
[Alias("OrleansSessions.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the account behind a new email/password identity.</summary>
    [Alias("CreateRegistered")]
    Task CreateRegistered(string email, TokenHash? confirmationTokenHash);

    /// <summary>Whether the account exists and is not deleted; callable while the grain is busy.</summary>
    [AlwaysInterleave, ReadOnly, Alias("Exists")]
    Task<bool> Exists();

    /// <summary>Whether the account was deleted; callable while the grain is busy.</summary>
    [AlwaysInterleave, ReadOnly, Alias("IsDeleted")]
    Task<bool> IsDeleted();

    [Alias("Login")]
    Task<SessionGrant> Login(NewSession session);

    /// <summary>
    /// Logs in through an external identity (<c>custom-token</c>), making the user on first use, and copies the
    /// issuer's claims (a JSON object) into the user's custom data.
    /// </summary>
    [Alias("LoginExternal")]
    Task<SessionGrant> LoginExternal(NewSession session, UserIdentity identity, string copiedClaims);

    /// <summary>Links an external identity to the signed-in user.</summary>
    [SingleAttempt, Alias("LinkExternal")]
    Task<Profile> LinkExternal(string sessionId, UserIdentity identity);

    /// <summary>Logs in the anonymous user of this id, creating it on first use.</summary>
    [Alias("LoginAnonymous")]
    Task<SessionGrant> LoginAnonymous(NewSession session);

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

    /// <summary>
    /// A device's check before it switches to the user: as <see cref="CheckDeviceSession"/>, and when the session is
    /// live the switch goes into the audit trail. It interleaves safely: it only adds to the trail in memory, without
    /// awaiting anything, and the trail is written within a second.
    /// </summary>
    [AlwaysInterleave, Alias("CheckSwitch")]
    Task<SessionCheck> CheckSwitch(string deviceId, string sessionId);

    /// <summary>Ends this user's session on a device (a device's log out); idempotent.</summary>
    [Alias("LogOutOfDevice")]
    Task LogOutOfDevice(string deviceId, string? sessionId);

    /// <summary>Logs the user out of a device and takes it off the device.</summary>
    [Alias("RemoveFromDevice")]
    Task RemoveFromDevice(string deviceId);

    [Alias("GetProfile")]
    Task<Profile> GetProfile(string sessionId);

    [Alias("GetSessions")]
    Task<IReadOnlyList<SessionInfo>> GetSessions(string sessionId);

    [SingleAttempt, Alias("EndSession")]
    Task EndSession(string sessionId, string targetSessionId);

    [SingleAttempt, Alias("EndSessions")]
    Task EndSessions(string sessionId, bool keepCurrent);

    [SingleAttempt, Alias("DeleteSelf")]
    Task DeleteSelf(string sessionId);

    /// <summary>Links an email/password identity to the signed-in user.</summary>
    [SingleAttempt, Alias("LinkPassword")]
    Task<Profile> LinkPassword(string sessionId, string email, Secret password);

    /// <summary>Gives up this never-used account so that its identity can be linked to <paramref name="toUserId"/>.</summary>
    [Alias("ReleaseForLink")]
    Task ReleaseForLink(string toUserId);

    [SingleAttempt, Alias("ConfirmWithToken")]
    Task ConfirmWithToken(TokenHash tokenHash);

    /// <summary>Replaces a pending account's confirmation token; false when there is nothing to confirm.</summary>
    [Alias("ReissueConfirmation")]
    Task<bool> ReissueConfirmation(TokenHash tokenHash);

    /// <summary>Stores a password reset token; false when the account has no password to reset.</summary>
    [Alias("StartPasswordReset")]
    Task<bool> StartPasswordReset(TokenHash tokenHash);

    /// <summary>Sets a new password with a reset token, and ends every session of the user.</summary>
    [SingleAttempt, Alias("ResetPassword")]
    Task ResetPassword(TokenHash tokenHash, Secret newPassword);

    /// <summary>Changes the signed-in user's password, and ends every other session of the user.</summary>
    [SingleAttempt, Alias("ChangePassword")]
    Task ChangePassword(string sessionId, Secret currentPassword, Secret newPassword);

    [Alias("GetAdminView")]
    Task<AdminUser> GetAdminView();

    [Alias("Confirm")]
    Task Confirm();

    [Alias("Disable")]
    Task Disable();

    [Alias("Enable")]
    Task Enable();

    [Alias("RevokeSessions")]
    Task RevokeSessions();

    [SingleAttempt, Alias("Delete")]
    Task Delete();

    [Alias("SetCustomData")]
    Task SetCustomData(string json);

    /// <summary>The user's last audit events, newest first (<c>user-not-found</c> for no user).</summary>
    [Alias("GetAuditTrail")]
    Task<IReadOnlyList<AuditEvent>> GetAuditTrail();

    /// <summary>Notes a failed login of this user (a wrong password, a locked account); fire and forget, kept within a second.</summary>
    [OneWay, Alias("RecordFailedLogin")]
    Task RecordFailedLogin(string outcome);

}
