namespace OrleansSessions.Client.Models;

/// <summary>The answer listing API keys.</summary>
internal sealed record ApiKeyList(IReadOnlyList<ApiKey> ApiKeys);
