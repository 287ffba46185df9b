using Microsoft.Extensions.Logging;
using OrleansSessions.Abstractions.UserDirectory;

namespace OrleansSessions.Grains.UserDirectory;

/// <summary>
/// Runs <see cref="DirectoryRebuild"/> in the background of its activation, which stays while it runs, and keeps its
/// status in memory: a rebuild cut short by the loss of this silo shows as idle, and is started again.
/// </summary>
public sealed partial class DirectoryRebuildGrain(
    IUserDirectory directory, IUserCatalog catalog, TimeProvider time, ILogger<DirectoryRebuildGrain> logger)
    : Grain, IDirectoryRebuildGrain
{
    private static readonly TimeSpan LongestRun = TimeSpan.FromDays(1);

    /// <summary>A negative delay gives the activation back to the regular collection.</summary>
    private static readonly TimeSpan RegularCollection = TimeSpan.FromSeconds(-1);

    private RebuildStatus _status = RebuildStatus.Idle;
    private DirectoryRebuild? _running;

    public Task<RebuildStatus> Start()
    {
        if (_status.State != RebuildState.Running)
        {
            _running = new DirectoryRebuild(directory, catalog, GrainFactory);
            _status = new RebuildStatus(RebuildState.Running, time.GetUtcNow(), null, 0, null);
            DelayDeactivation(LongestRun);
            _ = Run(_running);
        }

        return Status();
    }

    public Task<RebuildStatus> Status() =>
        Task.FromResult(_status.State == RebuildState.Running ? _status with { Relisted = _running!.Relisted } : _status);

    private async Task Run(DirectoryRebuild rebuild)
    {
        try
        {
            var users = await rebuild.Run();
            _status = _status with { State = RebuildState.Done, FinishedAt = time.GetUtcNow(), Relisted = rebuild.Relisted, Users = users };
        }
        catch (Exception exception)
        {
            LogRebuildFailed(exception);
            _status = _status with { State = RebuildState.Failed, FinishedAt = time.GetUtcNow(), Relisted = rebuild.Relisted };
        }
        finally
        {
            DelayDeactivation(RegularCollection);
        }
    }

    [LoggerMessage(1, LogLevel.Error, "The rebuild of the user directory failed; it can be started again")]
    private partial void LogRebuildFailed(Exception exception);
}
