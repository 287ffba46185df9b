using Orleans.Runtime;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.UserDirectory;

namespace OrleansSessions.Cluster.Tests;

/// <summary>
/// Holds back a user grain's deliveries (its pushes to its devices and its entry to the user directory), as if its silo
/// died right after the user's state was written and before any of them arrived. The silo that made the held call is
/// noted, for the test to kill.
/// </summary>
public sealed class PushGate(ILocalSiloDetails silo) : IOutgoingGrainCallFilter
{
    private static readonly Lock Sync = new();
    private static string? s_userId;
    private static TaskCompletionSource<SiloAddress> s_reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Holds every delivery of this user from now on; completes with the silo of the first one held.</summary>
    public static Task<SiloAddress> Hold(string userId)
    {
        lock (Sync)
        {
            s_userId = userId;
            s_reached = new TaskCompletionSource<SiloAddress>(TaskCreationOptions.RunContinuationsAsynchronously);
            return s_reached.Task;
        }
    }

    public static void Release()
    {
        lock (Sync)
        {
            s_userId = null;
        }
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var userId = context.InterfaceMethod?.Name == nameof(IDeviceGrain.Apply)
            ? context.Request.GetArgument(0) switch { DeviceNotice notice => notice.UserId, DirectoryEntry entry => entry.UserId, _ => null }
            : null;
        if (userId is not null && IsHeld(userId, out var reached))
        {
            reached.TrySetResult(silo.SiloAddress);
            await Task.Delay(Timeout.Infinite);
        }

        await context.Invoke();
    }

    private static bool IsHeld(string userId, out TaskCompletionSource<SiloAddress> reached)
    {
        lock (Sync)
        {
            reached = s_reached;
            return s_userId == userId;
        }
    }
}
