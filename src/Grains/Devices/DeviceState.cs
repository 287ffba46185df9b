using OrleansSessions.Abstractions;

namespace OrleansSessions.Grains.Devices;

/// <summary>The persisted state of a device grain, whose users are read and changed through <see cref="DeviceRoster"/>.</summary>
[GenerateSerializer, Alias("OrleansSessions.DeviceState")]
public sealed class DeviceState
{
    [Id(0)] public TokenHash? TokenHash { get; set; }
    [Id(1)] public string? Name { get; set; }
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Every user on the device in first-login order.</summary>
    [Id(3)] public List<RosterEntry> Entries { get; set; } = [];

    [Id(4)] public string? ActiveUserId { get; set; }

    /// <summary>Grows with every change a client could see.</summary>
    [Id(5)] public long Version { get; set; }

    /// <summary>Counts logins and switches: the order of activity that the fallback follows.</summary>
    [Id(6)] public long ActivityClock { get; set; }

    /// <summary>Whether the user directory counts the device (<c>devices</c> of the stats).</summary>
    [Id(7)] public bool Counted { get; set; }

    public bool IsRegistered => TokenHash is not null;
}
