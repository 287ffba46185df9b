using System.Diagnostics.Metrics;
using OrleansSessions.Abstractions;

namespace OrleansSessions.Gateway.Telemetry;

/// <summary>What the gateway counts on the service's meter (<see cref="SessionsMeter"/>): logins, refreshes, switches.</summary>
public static class GatewayMetrics
{
    private static readonly Meter Meter = new(SessionsMeter.Name);

    /// <summary>Logins, tagged with <c>provider</c> and <c>result</c> (<c>succeeded</c> or the error code).</summary>
    public static readonly Counter<long> Logins = Meter.CreateCounter<long>("orleans_sessions.logins", description: "Logins by provider and result");

    /// <summary>Refreshes, tagged with <c>result</c>.</summary>
    public static readonly Counter<long> Refreshes = Meter.CreateCounter<long>("orleans_sessions.refreshes", description: "Refresh-token exchanges by result");

    /// <summary>Switches of a device's active user, tagged with <c>result</c>.</summary>
    public static readonly Counter<long> Switches = Meter.CreateCounter<long>("orleans_sessions.switches", description: "Active-user switches by result");

    /// <summary>Runs an action and counts it with its <c>result</c>: <c>succeeded</c>, or the code it was refused with.</summary>
    public static async Task<T> CountResult<T>(Counter<long> counter, Func<Task<T>> action, params KeyValuePair<string, object?>[] tags)
    {
        try
        {
            var result = await action();
            counter.Add(1, [.. tags, new("result", "succeeded")]);
            return result;
        }
        catch (SessionsException refusal)
        {
            counter.Add(1, [.. tags, new("result", refusal.Code)]);
            throw;
        }
    }
}
