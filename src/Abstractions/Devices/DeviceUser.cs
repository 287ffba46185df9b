namespace OrleansSessions.Abstractions.Devices;

/// <summary>One user as a device lists it (API.md's <c>DeviceUser</c>).</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.DeviceUser")]
public sealed record DeviceUser(
    string UserId,
    DeviceUserState State,
    string ProviderType,
    string? Email,
    DateTimeOffset LastActiveAt);
