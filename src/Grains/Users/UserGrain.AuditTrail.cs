using Microsoft.Extensions.Logging;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Users;

/// <summary>
/// The user grain's audit trail: every event is logged at once as a structured event and kept in the trail, which
/// is written with the change it records, or, for events that change nothing else, within a second.
/// </summary>
public sealed partial class UserGrain
{
    private static readonly TimeSpan AuditWriteDelay = TimeSpan.FromSeconds(1);

    private IGrainTimer? _auditWrite;
    private bool _auditUnwritten;

    public Task<IReadOnlyList<AuditEvent>> GetAuditTrail()
    {
        EnsureExists();
        return Task.FromResult(Trail.NewestFirst());
    }

    public Task RecordFailedLogin(string outcome)
    {
        if (User.Account.Exists)
        {
            Audit(AuditActions.LoginFailed, AuditActions.ByDevice, outcome: outcome);
            WriteAuditSoon();
        }

        return Task.CompletedTask;
    }

    public Task RecordSwitch(string deviceId, string sessionId)
    {
        if (User.Sessions.IsLive(sessionId, Now))
        {
            Audit(AuditActions.Switch, AuditActions.ByDevice, deviceId, sessionId);
            WriteAuditSoon();
        }

        return Task.CompletedTask;
    }

    /// <summary>Adds an event to the trail, written with the next commit, and logs it as a structured event.</summary>
    private void Audit(
        string action, string actor, string? deviceId = null, string? sessionId = null, string outcome = AuditEvent.Succeeded)
    {
        Trail.Add(new AuditEvent(Now, action, outcome, deviceId, sessionId, actor));
        _auditUnwritten = true;
        LogAudit(UserId, action, outcome, deviceId, sessionId, actor);
    }

    /// <summary>
    /// Writes events that change nothing but the audit trail within a second, together, so a user switched to many
    /// times a second costs one write of the trail and none of the user's state.
    /// </summary>
    private void WriteAuditSoon() =>
        _auditWrite ??= this.RegisterGrainTimer(WriteAudit, AuditWriteDelay, Timeout.InfiniteTimeSpan);

    private async Task WriteAudit(CancellationToken cancellationToken)
    {
        _auditWrite!.Dispose();
        _auditWrite = null;
        await Persist(userChanged: false, cancellationToken);
    }

    [LoggerMessage(100, LogLevel.Information,
        "Audit: {Action} of user {UserId}: {Outcome} (device {DeviceId}, session {SessionId}, by {Actor})")]
    private partial void LogAudit(string userId, string action, string outcome, string? deviceId, string? sessionId, string actor);
}
