using System.Reflection;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using OrleansSessions.Abstractions;

namespace OrleansSessions.Gateway.Failover;

/// <summary>
/// Hides a lost silo from the gateway's callers. A grain call that fails because its silo is gone, unreachable or
/// not answering (a killed or a hung silo) is sent again after a short pause, until the request's
/// <see cref="RequestDeadline"/>: once the cluster has declared the silo dead, Orleans activates the grain on a live
/// one and the call goes through. Past the deadline the failure stands, and the request is answered 503
/// <c>unavailable</c>. Methods marked <see cref="SingleAttemptAttribute"/> are never sent twice. Every attempt carries
/// its <see cref="CallExpiry"/>: one that reaches its grain after the gateway gave up on it is not run.
/// </summary>
public sealed partial class SiloLossRetry(IOptions<FailoverOptions> options, TimeProvider time, ILogger<SiloLossRetry> logger)
    : IOutgoingGrainCallFilter
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(500);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var deadline = RequestDeadline.Get(time, options.Value);
        var retryable = context.InterfaceMethod?.GetCustomAttribute<SingleAttemptAttribute>() is null;
        for (var attempt = 1; ; attempt++)
        {
            var pause = TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, FirstPause.Ticks * attempt));
            bool ShouldRetry(Exception failure) => retryable && IsSiloLoss(failure) && time.GetUtcNow() + pause < deadline;
            Exception failure;
            try
            {
                // Orleans gives up on an unanswered call after CallTimeout (checked once a second, so after 2-3 s);
                // any attempt is cut at the deadline (and then never retried: the call chain takes no new attempt
                // while one still runs). An attempt carries the moment it may be given up from, after which no silo
                // starts it: one held up on the way (in a paused silo's buffers) never runs after the next was sent.
                var remaining = Max(deadline - time.GetUtcNow(), TimeSpan.Zero);
                CallExpiry.Set(time.GetUtcNow() + Min(remaining, options.Value.CallTimeout));
                await context.Invoke().WaitAsync(remaining, time);
                if (context.Response?.Exception is not { } answered || !ShouldRetry(answered))
                {
                    return; // the result, or the failure the caller gets (a lost silo's is answered 503 unavailable)
                }

                failure = answered;
            }
            catch (Exception exception) when (ShouldRetry(exception))
            {
                failure = exception;
            }

            LogRetry(context.InterfaceMethod?.Name, attempt, failure.GetType().Name);
            await Task.Delay(pause, time);
        }
    }

    /// <summary>
    /// A failure of the cluster rather than of the request: a silo gone, unreachable, or not answering (a call timed
    /// out, or expired before the grain could be placed), or a grain that could not reach another for it
    /// (<c>unavailable</c>, e.g. a login its device could not be told of yet).
    /// </summary>
    public static bool IsSiloLoss(Exception exception) =>
        exception is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException
            or GatewayTooBusyException or TimeoutException or OperationCanceledException
            or SessionsException { Code: ErrorCodes.Unavailable };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(1, LogLevel.Information, "Grain call {Method} failed ({Failure}) on attempt {Attempt}: its silo is lost or not answering; sending it again")]
    private partial void LogRetry(string? method, int attempt, string failure);
}
