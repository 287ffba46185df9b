namespace OrleansSessions.Gateway.Contracts;

public sealed record IdentityResponse(string ProviderType, string Id);
