using System.Diagnostics.Metrics;
using OrleansSessions.Abstractions;

namespace OrleansSessions.Grains;

/// <summary>The service's own metrics (meter <c>OrleansSessions</c>), beside ASP.NET Core's, .NET's and Orleans's.</summary>
public static class SessionsMetrics
{
    public const string MeterName = "OrleansSessions";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Logins, tagged with <c>provider</c> and <c>result</c> (<c>succeeded</c> or the error code).</summary>
    public static readonly Counter<long> Logins = Meter.CreateCounter<long>("orleans_sessions.logins", description: "Logins by provider and result");

    /// <summary>Refreshes, tagged with <c>result</c>.</summary>
    public static readonly Counter<long> Refreshes = Meter.CreateCounter<long>("orleans_sessions.refreshes", description: "Refresh-token exchanges by result");

    /// <summary>Switches of a device's active user, tagged with <c>result</c>.</summary>
    public static readonly Counter<long> Switches = Meter.CreateCounter<long>("orleans_sessions.switches", description: "Active-user switches by result");

    /// <summary>Sessions ended, tagged with <c>reason</c> (logout, revoked, disabled, deleted, session-ended).</summary>
    public static readonly Counter<long> SessionsEnded = Meter.CreateCounter<long>("orleans_sessions.sessions_ended", description: "Sessions ended by reason");

    /// <summary>Sessions started minus sessions ended, as counted by this process's grains.</summary>
    public static readonly UpDownCounter<long> LiveSessions = Meter.CreateUpDownCounter<long>("orleans_sessions.live_sessions", description: "Live sessions held by this process's user grains");

    public static readonly Counter<long> DevicesRegistered = Meter.CreateCounter<long>("orleans_sessions.devices_registered", description: "Devices registered");

    /// <summary>How long a user grain took to tell all its devices of a change, tagged with <c>devices</c> (a size band).</summary>
    public static readonly Histogram<double> FanOutDuration = Meter.CreateHistogram<double>(
        "orleans_sessions.fanout.duration", unit: "ms", description: "Time to deliver a user's change to every device holding it");

    public static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);

    /// <summary>Runs an action and counts it with its <c>result</c>: <c>succeeded</c>, or the code it was refused with.</summary>
    public static async Task<T> CountResult<T>(Counter<long> counter, Func<Task<T>> action, params KeyValuePair<string, object?>[] tags)
    {
        try
        {
            var result = await action();
            counter.Add(1, [.. tags, Tag("result", "succeeded")]);
            return result;
        }
        catch (SessionsException refusal)
        {
            counter.Add(1, [.. tags, Tag("result", refusal.Code)]);
            throw;
        }
    }

    /// <summary>A size band for a count of devices (1, 10, 100, 1000, 10000+), so the histogram's series stay few.</summary>
    public static string Band(int count) => count switch
    {
        <= 1 => "1",
        <= 10 => "10",
        <= 100 => "100",
        <= 1000 => "1000",
        _ => "10000+",
    };
}
