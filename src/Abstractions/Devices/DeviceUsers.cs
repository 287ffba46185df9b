namespace OrleansSessions.Abstractions.Devices;

/// <summary>Every user on a device in first-login order, and the active one.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.DeviceUsers")]
public sealed record DeviceUsers(string? ActiveUserId, IReadOnlyList<DeviceUser> Users);
