using OrleansSessions.Abstractions.Devices;

namespace OrleansSessions.Grains.Devices;

/// <summary>One user on a device: its live session there (none when logged out) and when it was last active.</summary>
[GenerateSerializer, Alias("OrleansSessions.RosterEntry")]
public sealed class RosterEntry
{
    [Id(0)] public required string UserId { get; init; }
    [Id(1)] public required UserSummary Summary { get; set; }
    [Id(2)] public string? SessionId { get; set; }
    [Id(3)] public DateTimeOffset LastActiveAt { get; set; }

    /// <summary>The device's activity clock at this user's last login or switch: the fallback order.</summary>
    [Id(4)] public long ActivityOrder { get; set; }

    /// <summary>The newest user version this device has applied for the user.</summary>
    [Id(5)] public long UserVersion { get; set; }

    public bool IsLoggedIn => SessionId is not null;
}
