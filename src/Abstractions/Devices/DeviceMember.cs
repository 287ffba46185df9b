namespace OrleansSessions.Abstractions.Devices;

/// <summary>A user on a device, with the session it holds there (none when logged out).</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.DeviceMember")]
public sealed record DeviceMember(string UserId, string? SessionId);
