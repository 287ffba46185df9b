using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Users;

/// <summary>
/// A user's account and sessions. Each change is persisted together with the deliveries it calls for (the notices
/// its devices must get), then those are pushed in parallel before the call returns. A delivery that failed stays
/// in the persisted outbox and is retried, also by the next activation if this silo dies first; and devices check
/// a session with this grain before they trust it, so a lost notice never shows a user logged in. The audit trail
/// is persisted apart, so a refresh does not rewrite it. Its calls are in the files named after their concern.
/// </summary>
public sealed partial class UserGrain(
    [PersistentState("user")] IPersistentState<UserState> state,
    [PersistentState("userAudit")] IPersistentState<AuditTrailState> audit,
    IOptions<SessionPolicyOptions> policy,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private UserAggregate? _user;
    private AuditTrail? _trail;

    /// <summary>The state, read and changed only through its domain classes.</summary>
    private UserAggregate User => _user ??= new UserAggregate(this.GetPrimaryKeyString(), state.State, policy.Value);

    private AuditTrail Trail => _trail ??= new AuditTrail(audit.State, policy.Value.AuditEventsKept);

    private string UserId => User.Account.UserId;

    private DateTimeOffset Now => time.GetUtcNow();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!User.Outbox.IsEmpty)
        {
            ScheduleRetry(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The one commit path: persists the change with the deliveries and audit events it made (the user's directory
    /// entry among them, when it changed), then makes the deliveries.
    /// </summary>
    private async Task Commit()
    {
        User.Listing.Update(Now);
        await Persist(userChanged: true);
        if (!User.Outbox.IsEmpty)
        {
            await DeliverOutbox();
        }
    }

    /// <summary>
    /// Writes the user's state when it changed, and the audit trail when events were added since its last write,
    /// together. After a failed write the grain deactivates, so that no later call is served from memory that
    /// storage does not hold.
    /// </summary>
    private async Task Persist(bool userChanged, CancellationToken cancellationToken = default)
    {
        var writes = new List<Task>(2);
        if (userChanged)
        {
            writes.Add(state.WriteStateAsync(cancellationToken));
        }

        if (_auditUnwritten)
        {
            _auditUnwritten = false;
            writes.Add(audit.WriteStateAsync(cancellationToken));
        }

        try
        {
            await Task.WhenAll(writes);
        }
        catch (Exception exception)
        {
            LogWriteFailed(exception, UserId);
            DeactivateOnIdle();
            throw;
        }
    }

    [LoggerMessage(8, LogLevel.Warning, "Could not persist user {UserId}; the grain deactivates to read storage again")]
    private partial void LogWriteFailed(Exception exception, string userId);
}
