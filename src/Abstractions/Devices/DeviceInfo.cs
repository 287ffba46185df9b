namespace OrleansSessions.Abstractions.Devices;

/// <summary>What a caller learns of a device once its token is accepted.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.DeviceInfo")]
public sealed record DeviceInfo(string DeviceId, string? Name);
