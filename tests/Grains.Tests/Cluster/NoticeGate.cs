using Orleans.Runtime;
using OrleansSessions.Abstractions.Devices;

namespace OrleansSessions.Grains.Tests.Cluster;

/// <summary>
/// Holds a user's notices to its devices on their way, as a slow network would, until the test lets them go:
/// the window in which a device knows an older state of the user than the user grain does. Or refuses them, as a
/// device on a lost silo does, until the test lets them pass.
/// </summary>
public sealed class NoticeGate : IOutgoingGrainCallFilter
{
    private static readonly Lock Sync = new();
    private static readonly Dictionary<string, Hold> Holds = [];

    /// <summary>Holds this user's notices from now on, until the returned hold is released.</summary>
    public static Hold HoldNoticesOf(string userId)
    {
        lock (Sync)
        {
            return Holds[userId] = new Hold(userId);
        }
    }

    /// <summary>Fails this user's notices from now on (a device's silo not answering), until the returned hold is released.</summary>
    public static Hold RefuseNoticesOf(string userId)
    {
        lock (Sync)
        {
            return Holds[userId] = new Hold(userId, refuse: true);
        }
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == nameof(IDeviceGrain.Apply)
            && context.Request.GetArgument(0) is DeviceNotice notice
            && HoldOf(notice.UserId) is { } hold)
        {
            hold.Reached.TrySetResult();
            if (hold.Refuses)
            {
                throw new TimeoutException("The device's silo did not answer (NoticeGate).");
            }

            await hold.Released.Task;
        }

        await context.Invoke();
    }

    private static Hold? HoldOf(string userId)
    {
        lock (Sync)
        {
            return Holds.GetValueOrDefault(userId);
        }
    }

    public sealed class Hold(string userId, bool refuse = false) : IDisposable
    {
        internal bool Refuses => refuse;

        internal TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once a notice is held.</summary>
        public Task NoticeHeld => Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));

        /// <summary>Lets the held notices go, and the later ones pass.</summary>
        public void Dispose()
        {
            lock (Sync)
            {
                Holds.Remove(userId);
            }

            Released.TrySetResult();
        }
    }
}
