using Orleans.Runtime;
using OrleansSessions.Abstractions.Devices;

namespace OrleansSessions.Cluster.Tests;

/// <summary>
/// Holds back a user grain's pushes to its devices, as if its silo died right after the user's state was written
/// and before any device heard of it. The silo that made the held call is noted, for the test to kill.
/// </summary>
public sealed class PushGate(ILocalSiloDetails silo) : IOutgoingGrainCallFilter
{
    private static readonly Lock Sync = new();
    private static string? s_userId;
    private static TaskCompletionSource<SiloAddress> s_reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Holds every push from this user from now on; completes with the silo of the first one held.</summary>
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
        if (context.InterfaceMethod?.Name == nameof(IDeviceGrain.Apply)
            && context.Request.GetArgument(0) is DeviceNotice notice
            && IsHeld(notice.UserId, out var reached))
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
