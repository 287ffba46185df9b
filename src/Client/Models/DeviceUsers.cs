namespace OrleansSessions.Client.Models;

/// <summary>Every user on a device in first-login order, and the active one.</summary>
public sealed record DeviceUsers(string? ActiveUserId, IReadOnlyList<DeviceUser> Users);
