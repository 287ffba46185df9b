namespace OrleansSessions.Abstractions.Users;

/// <summary>A user as an admin sees it: its profile, its sessions and the devices that hold it.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.AdminUser")]
public sealed record AdminUser(Profile Profile, IReadOnlyList<SessionInfo> Sessions, IReadOnlyList<string> DeviceIds);
