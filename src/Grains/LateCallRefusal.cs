using Microsoft.Extensions.Logging;
using OrleansSessions.Abstractions;

namespace OrleansSessions.Grains;

/// <summary>
/// Refuses to start a grain call that arrives after its sender gave up on it (<see cref="CallExpiry"/>): the gateway
/// may have sent it again since and answered the client, so running it now could undo what the client was told.
/// A refused call changes nothing; nobody waits for its answer.
/// </summary>
public sealed partial class LateCallRefusal(TimeProvider time, ILogger<LateCallRefusal> logger) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (CallExpiry.Take() is { } expiry && time.GetUtcNow() >= expiry)
        {
            LogRefused(context.InterfaceMethod?.Name, context.TargetId, time.GetUtcNow() - expiry);
            throw new TimeoutException("The caller gave up on this call before it could start; it was not run.");
        }

        return context.Invoke();
    }

    [LoggerMessage(1, LogLevel.Warning,
        "Call {Method} to {Grain} arrived {Late} after its caller gave up on it (a paused or overloaded silo held it); it was not run")]
    private partial void LogRefused(string? method, GrainId grain, TimeSpan late);
}
