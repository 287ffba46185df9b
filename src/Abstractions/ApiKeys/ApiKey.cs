namespace OrleansSessions.Abstractions.ApiKeys;

/// <summary>An API key as its owner or an admin sees it (PROVIDERS.md's <c>ApiKey</c>); never its secret.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.ApiKey")]
public sealed record ApiKey(
    string Id, string Name, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, string UserId);
