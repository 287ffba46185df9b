using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions.Email;

namespace OrleansSessions.Gateway.Email;

/// <summary>
/// Sends the outbox's emails off the request path: a shard is drained as soon as an email is queued in it, and every
/// shard on each <see cref="EmailOptions.RetryDelay"/>, which retries failed emails (with backoff) and takes over
/// those left leased by a gateway that crashed. An email is dropped from the outbox only once delivered.
/// </summary>
public sealed partial class EmailDispatcher(
    IGrainFactory grains,
    IServiceProvider services,
    AccountEmails emails,
    IOptions<EmailOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<EmailDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 5;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(15);
    private readonly Channel<int> _queued = Channel.CreateUnbounded<int>();

    /// <summary>A lease outlasts a batch that times out on every email, so no email is sent twice meanwhile.</summary>
    private TimeSpan LeaseTime => options.Value.Smtp.Timeout * 3 * (BatchSize + 1);

    /// <summary>Says an email was queued in <paramref name="shard"/>.</summary>
    public void Queued(int shard) => _queued.Writer.TryWrite(shard);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.CanSend)
        {
            LogNotSent();
            return;
        }

        var transport = services.GetRequiredService<IEmailTransport>();
        LogSending(transport.Describe());
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        IEnumerable<int> shards = Enumerable.Range(0, IEmailOutboxGrain.Shards);
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var shard in shards)
            {
                if (!await DrainAsync(transport, shard, stoppingToken))
                {
                    break;
                }
            }

            shards = await NextRoundAsync(stoppingToken);
        }
    }

    /// <summary>The shards queued in since the last round, or every shard once the retry delay has passed.</summary>
    private async Task<IEnumerable<int>> NextRoundAsync(CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.RetryDelay);
        try
        {
            var shards = new SortedSet<int> { await _queued.Reader.ReadAsync(timeout.Token) };
            while (_queued.Reader.TryRead(out var shard))
            {
                shards.Add(shard);
            }

            return shards;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return Enumerable.Range(0, IEmailOutboxGrain.Shards);
        }
    }

    /// <summary>Sends what is due in a shard; false when the transport failed, so this round stops.</summary>
    private async Task<bool> DrainAsync(IEmailTransport transport, int shard, CancellationToken stoppingToken)
    {
        var outbox = grains.GetGrain<IEmailOutboxGrain>(shard);
        try
        {
            while (await outbox.Lease(BatchSize, LeaseTime) is { Count: > 0 } batch)
            {
                foreach (var (leased, index) in batch.Select((leased, index) => (leased, index)))
                {
                    if (!await SendAsync(transport, outbox, leased, stoppingToken))
                    {
                        foreach (var untried in batch.Skip(index + 1))
                        {
                            await outbox.Failed(untried.Email.Id, TimeSpan.Zero);
                        }

                        return false;
                    }
                }
            }

            return true;
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogOutboxUnreachable(shard, failure.GetType().Name, failure.Message);
            return false;
        }
    }

    private async Task<bool> SendAsync(IEmailTransport transport, IEmailOutboxGrain outbox, LeasedEmail leased, CancellationToken stoppingToken)
    {
        var email = leased.Email;
        try
        {
            await transport.SendAsync(emails.Render(email), stoppingToken);
        }
        catch (Exception failure) when (failure is PermanentEmailFailure or FormatException or MimeKit.ParseException)
        {
            LogUndeliverable(email.Kind, failure.Message);
            await outbox.Sent(email.Id);
            return true;
        }
        catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
        {
            var retryAfter = TimeSpan.FromTicks(Math.Min(
                options.Value.RetryDelay.Ticks << Math.Min(leased.Attempt - 1, 16), MaxRetryDelay.Ticks));
            LogFailed(email.Kind, leased.Attempt, retryAfter, failure.GetType().Name, failure.Message);
            await outbox.Failed(email.Id, retryAfter);
            return false;
        }

        await outbox.Sent(email.Id);
        LogSent(email.Kind, leased.Attempt);
        return true;
    }

    [LoggerMessage(1, LogLevel.Information, "Account emails are sent {Where}")]
    private partial void LogSending(string where);

    [LoggerMessage(2, LogLevel.Warning,
        "Account emails are not sent: neither Sessions:Email:Smtp:Host nor Sessions:Email:PickupDirectory is set, so confirmation and password reset emails are dropped")]
    private partial void LogNotSent();

    [LoggerMessage(3, LogLevel.Information, "A {Kind} email was sent (attempt {Attempt})")]
    private partial void LogSent(EmailKind kind, int attempt);

    [LoggerMessage(4, LogLevel.Warning, "A {Kind} email could not be sent (attempt {Attempt}); it stays queued and is tried again in {RetryAfter}: {Error}: {Reason}")]
    private partial void LogFailed(EmailKind kind, int attempt, TimeSpan retryAfter, string error, string reason);

    [LoggerMessage(5, LogLevel.Error, "A {Kind} email can never be delivered and is dropped: {Reason}")]
    private partial void LogUndeliverable(EmailKind kind, string reason);

    [LoggerMessage(6, LogLevel.Warning, "The email outbox shard {Shard} could not be reached; it is tried again later: {Error}: {Reason}")]
    private partial void LogOutboxUnreachable(int shard, string error, string reason);
}
