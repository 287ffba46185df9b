namespace OrleansSessions.Gateway.Startup;

/// <summary>
/// A gateway keeps trying to reach its cluster instead of giving up: it starts before the silos if it must, serves
/// <c>/health/ready</c> as 503 meanwhile, and is ready as soon as a silo answers.
/// </summary>
public sealed partial class KeepConnecting(ILogger<KeepConnecting> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);
    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        LogNotYet(attempt, exception.Message);
        await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(MaxDelay.TotalMilliseconds, 250 * attempt)), cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }

    [LoggerMessage(1, LogLevel.Warning, "The cluster is not reachable yet (attempt {Attempt}): {Reason}; trying again")]
    private partial void LogNotYet(int attempt, string reason);
}
