using Orleans.Concurrency;

namespace OrleansSessions.Abstractions.Users;

/// <summary>A user's audit trail, and the events that change nothing else (switches, failed logins).</summary>
[Alias("OrleansSessions.IUserAuditGrain")]
public interface IUserAuditGrain : IGrainWithStringKey
{
    /// <summary>The user's last audit events, newest first (<c>user-not-found</c> for no user).</summary>
    [Alias("GetAuditTrail")]
    Task<IReadOnlyList<AuditEvent>> GetAuditTrail();

    /// <summary>Notes a failed login of this user (a wrong password, a locked account); fire and forget, kept within a second.</summary>
    [OneWay, Alias("RecordFailedLogin")]
    Task RecordFailedLogin(string outcome);

    /// <summary>Notes that a device switched to the user's live session there; fire and forget, kept within a second.</summary>
    [OneWay, Alias("RecordSwitch")]
    Task RecordSwitch(string deviceId, string sessionId);
}
