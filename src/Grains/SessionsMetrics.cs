using System.Diagnostics.Metrics;
using OrleansSessions.Abstractions;

namespace OrleansSessions.Grains;

/// <summary>
/// What the grains count on the service's meter (<see cref="SessionsMeter"/>), beside ASP.NET Core's, .NET's and
/// Orleans's; the gateway counts logins, refreshes and switches (GatewayMetrics).
/// </summary>
public static class SessionsMetrics
{
    private static readonly Meter Meter = new(SessionsMeter.Name);

    /// <summary>Sessions ended, tagged with <c>reason</c> (logout, revoked, disabled, deleted, session-ended).</summary>
    public static readonly Counter<long> SessionsEnded = Meter.CreateCounter<long>("orleans_sessions.sessions_ended", description: "Sessions ended by reason");

    /// <summary>Sessions started minus sessions ended, as counted by this process's grains.</summary>
    public static readonly UpDownCounter<long> LiveSessions = Meter.CreateUpDownCounter<long>("orleans_sessions.live_sessions", description: "Live sessions held by this process's user grains");

    public static readonly Counter<long> DevicesRegistered = Meter.CreateCounter<long>("orleans_sessions.devices_registered", description: "Devices registered");

    /// <summary>How long a user grain took to tell all its devices of a change, tagged with <c>devices</c> (a size band).</summary>
    public static readonly Histogram<double> FanOutDuration = Meter.CreateHistogram<double>(
        "orleans_sessions.fanout.duration", unit: "ms", description: "Time to deliver a user's change to every device holding it");

    public static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);

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
