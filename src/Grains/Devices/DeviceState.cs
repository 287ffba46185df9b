using OrleansSessions.Abstractions;

namespace OrleansSessions.Grains.Devices;

/// <summary>The persisted state of a device grain.</summary>
[GenerateSerializer, Alias("OrleansSessions.DeviceState")]
public sealed class DeviceState
{
    [Id(0)] public TokenHash? TokenHash { get; set; }
    [Id(1)] public string? Name { get; set; }
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public DeviceRoster Roster { get; set; } = new();

    public bool IsRegistered => TokenHash is not null;
}
