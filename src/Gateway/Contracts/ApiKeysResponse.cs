namespace OrleansSessions.Gateway.Contracts;

/// <summary>A list of API keys, oldest first.</summary>
public sealed record ApiKeysResponse(IReadOnlyList<ApiKeyResponse> ApiKeys);
