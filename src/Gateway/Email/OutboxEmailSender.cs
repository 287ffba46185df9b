using OrleansSessions.Abstractions.Email;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Email;

/// <summary>
/// Queues each account email in the durable outbox (the request is answered once it is stored) and tells the
/// dispatcher, which sends it off the request path.
/// </summary>
public sealed partial class OutboxEmailSender(
    IGrainFactory grains, EmailDispatcher dispatcher, TimeProvider time, ILogger<OutboxEmailSender> logger) : IEmailSender
{
    public Task SendConfirmationAsync(string email, AccountToken token) => QueueAsync(EmailKind.Confirmation, email, token);

    public Task SendPasswordResetAsync(string email, AccountToken token) => QueueAsync(EmailKind.PasswordReset, email, token);

    private async Task QueueAsync(EmailKind kind, string to, AccountToken token)
    {
        var shard = IEmailOutboxGrain.ShardOf(to);
        var queued = new QueuedEmail(Guid.NewGuid(), kind, to, token.ToString(), time.GetUtcNow());
        if (await grains.GetGrain<IEmailOutboxGrain>(shard).Enqueue(queued))
        {
            dispatcher.Queued(shard);
        }
        else
        {
            LogOutboxFull(kind, shard, IEmailOutboxGrain.Capacity);
        }
    }

    [LoggerMessage(1, LogLevel.Error, "A {Kind} email is dropped: the email outbox shard {Shard} already holds {Capacity} unsent emails")]
    private partial void LogOutboxFull(EmailKind kind, int shard, int capacity);
}
