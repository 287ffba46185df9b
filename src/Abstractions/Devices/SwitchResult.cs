namespace OrleansSessions.Abstractions.Devices;

/// <summary>The user a device switched to, and the live session to mint its access token from.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.SwitchResult")]
public sealed record SwitchResult(DeviceUser User, string SessionId);
