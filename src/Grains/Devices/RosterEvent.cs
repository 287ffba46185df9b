namespace OrleansSessions.Grains.Devices;

/// <summary>One change of a device's roster, with the device's version right after it.</summary>
public sealed record RosterEvent(string Type, long Version, string? UserId, string? Reason);
