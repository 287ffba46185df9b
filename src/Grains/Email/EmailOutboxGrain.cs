using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions.Email;

namespace OrleansSessions.Grains.Email;

/// <summary>
/// A shard of the email outbox. Only the emails are persisted; leases and attempt counts live in memory, so after a
/// crash every pending email is simply due again.
/// </summary>
public sealed partial class EmailOutboxGrain(
    [PersistentState("emailOutbox")] IPersistentState<EmailOutboxState> state,
    IOptions<SessionPolicyOptions> policy,
    TimeProvider time,
    ILogger<EmailOutboxGrain> logger) : Grain, IEmailOutboxGrain
{
    private readonly Dictionary<Guid, DateTimeOffset> _dueAt = [];
    private readonly Dictionary<Guid, int> _attempts = [];

    public async Task<bool> Enqueue(QueuedEmail email)
    {
        if (state.State.Emails.Count >= IEmailOutboxGrain.Capacity)
        {
            return false;
        }

        state.State.Emails.Add(email);
        await state.WriteStateAsync();
        return true;
    }

    public async Task<IReadOnlyList<LeasedEmail>> Lease(int max, TimeSpan leaseFor)
    {
        var now = time.GetUtcNow();
        var expired = state.State.Emails.Where(email => email.QueuedAt + LifetimeOf(email.Kind) <= now).ToList();
        if (expired.Count > 0)
        {
            foreach (var email in expired)
            {
                LogExpired(email.Kind, email.QueuedAt, _attempts.GetValueOrDefault(email.Id));
                Forget(email.Id);
            }

            state.State.Emails.RemoveAll(expired.Contains);
            await state.WriteStateAsync();
        }

        var leased = new List<LeasedEmail>();
        foreach (var email in state.State.Emails.Where(email => _dueAt.GetValueOrDefault(email.Id) <= now).Take(max))
        {
            _dueAt[email.Id] = now + leaseFor;
            _attempts[email.Id] = _attempts.GetValueOrDefault(email.Id) + 1;
            leased.Add(new LeasedEmail(email, _attempts[email.Id]));
        }

        return leased;
    }

    public async Task Sent(Guid id)
    {
        Forget(id);
        if (state.State.Emails.RemoveAll(email => email.Id == id) > 0)
        {
            await state.WriteStateAsync();
        }
    }

    public Task Failed(Guid id, TimeSpan retryAfter)
    {
        if (_dueAt.ContainsKey(id))
        {
            _dueAt[id] = time.GetUtcNow() + retryAfter;
        }

        return Task.CompletedTask;
    }

    /// <summary>An email is worth sending while its token can still be used.</summary>
    private TimeSpan LifetimeOf(EmailKind kind) => kind == EmailKind.Confirmation
        ? policy.Value.ConfirmationTokenLifetime
        : policy.Value.PasswordResetTokenLifetime;

    private void Forget(Guid id)
    {
        _dueAt.Remove(id);
        _attempts.Remove(id);
    }

    [LoggerMessage(1, LogLevel.Error, "A {Kind} email queued at {QueuedAt} could not be sent in {Attempts} attempts before its token expired; it is dropped")]
    private partial void LogExpired(EmailKind kind, DateTimeOffset queuedAt, int attempts);
}
