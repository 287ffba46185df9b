namespace OrleansSessions.Abstractions.Devices;

/// <summary>A device as an admin sees it.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.DeviceDetails")]
public sealed record DeviceDetails(
    string DeviceId,
    string? Name,
    DateTimeOffset CreatedAt,
    string? ActiveUserId,
    IReadOnlyList<DeviceUser> Users);
