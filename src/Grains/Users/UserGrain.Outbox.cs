using Microsoft.Extensions.Logging;

namespace OrleansSessions.Grains.Users;

/// <summary>The user grain's delivery of its outbox: in parallel after each change, retried until it arrives.</summary>
public sealed partial class UserGrain
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private IGrainTimer? _retryTimer;

    /// <summary>Sends every pending delivery in parallel; what fails stays for a retry.</summary>
    private async Task DeliverOutbox()
    {
        var pending = User.Outbox.Pending;
        var started = time.GetTimestamp();
        var delivered = await Task.WhenAll(pending.Select(Deliver));
        SessionsMetrics.FanOutDuration.Record(
            time.GetElapsedTime(started).TotalMilliseconds, SessionsMetrics.Tag("devices", SessionsMetrics.Band(pending.Count)));
        if (delivered.Contains(false))
        {
            ScheduleRetry(RetryDelay);
        }
    }

    private async Task<bool> Deliver(Delivery delivery)
    {
        try
        {
            await delivery.Send(GrainFactory);
        }
        catch (Exception exception)
        {
            LogDeliveryFailed(exception, UserId, delivery.Destination);
            return false;
        }

        User.Outbox.Delivered(delivery);
        return true;
    }

    /// <summary>Retries the deliveries after <paramref name="due"/> (at once when an activation finds some pending), then every 2 seconds.</summary>
    private void ScheduleRetry(TimeSpan due) =>
        _retryTimer ??= this.RegisterGrainTimer(RetryDelivery, due, RetryDelay);

    private async Task RetryDelivery(CancellationToken cancellationToken)
    {
        await DeliverOutbox();
        if (User.Outbox.IsEmpty)
        {
            _retryTimer?.Dispose();
            _retryTimer = null;
            await Persist(userChanged: true, cancellationToken);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Could not deliver to {Destination} for user {UserId}; will retry")]
    private partial void LogDeliveryFailed(Exception exception, string userId, string destination);
}
