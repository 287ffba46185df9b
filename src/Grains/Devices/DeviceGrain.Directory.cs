using Microsoft.Extensions.Logging;
using OrleansSessions.Abstractions.UserDirectory;

namespace OrleansSessions.Grains.Devices;

/// <summary>
/// The device's count in the user directory: after its registration is written, the directory counts it (once, by
/// device id); until that succeeds it is retried, 2 s after a failure and twice as long after each next one (up to
/// 5 minutes, so that a directory that is down is not flooded by every device), also by the next activation if this
/// silo dies.
/// </summary>
public sealed partial class DeviceGrain
{
    private static readonly TimeSpan FirstCountRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LastCountRetry = TimeSpan.FromMinutes(5);

    private IGrainTimer? _countRetry;
    private TimeSpan _countRetryDelay = FirstCountRetry;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.IsRegistered && !state.State.Counted)
        {
            ScheduleCount();
        }

        return Task.CompletedTask;
    }

    private async Task CountInDirectory()
    {
        try
        {
            await GrainFactory.GetGrain<IUserDirectoryGrain>(0).AddDevice(this.GetPrimaryKeyString());
            state.State.Counted = true;
            await state.WriteStateAsync();
            _countRetry?.Dispose();
            _countRetry = null;
        }
        catch (Exception exception)
        {
            LogCountFailed(exception, this.GetPrimaryKeyString());
            ScheduleCount();
        }
    }

    private void ScheduleCount()
    {
        _countRetry?.Dispose();
        _countRetry = this.RegisterGrainTimer(_ => CountInDirectory(), _countRetryDelay, Timeout.InfiniteTimeSpan);
        _countRetryDelay = TimeSpan.FromTicks(Math.Min(_countRetryDelay.Ticks * 2, LastCountRetry.Ticks));
    }

    [LoggerMessage(2, LogLevel.Warning, "Could not count device {DeviceId} in the user directory; will retry")]
    private partial void LogCountFailed(Exception exception, string deviceId);
}
