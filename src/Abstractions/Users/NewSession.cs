using OrleansSessions.Abstractions.Devices;

namespace OrleansSessions.Abstractions.Users;

/// <summary>
/// What a login asks of a user grain: a session on this device, holding this refresh token's hash, opened with this
/// API key (if it was; disabling or deleting the key ends the session).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.NewSession")]
public sealed record NewSession(DeviceInfo Device, TokenHash RefreshTokenHash, string? ApiKeyId = null);
