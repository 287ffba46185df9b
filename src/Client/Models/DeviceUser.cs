namespace OrleansSessions.Client.Models;

/// <summary>A user as a device lists it.</summary>
public sealed record DeviceUser(string UserId, DeviceUserState State, string ProviderType, string? Email, DateTimeOffset LastActiveAt);
