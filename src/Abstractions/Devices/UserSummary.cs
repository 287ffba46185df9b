namespace OrleansSessions.Abstractions.Devices;

/// <summary>What a device shows of a user besides its state.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.UserSummary")]
public sealed record UserSummary(string ProviderType, string? Email, bool IsAnonymous);
