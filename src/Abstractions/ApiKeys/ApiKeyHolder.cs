namespace OrleansSessions.Abstractions.ApiKeys;

/// <summary>
/// A signed-in user as the owner of API keys: whether it may make keys (not an anonymous user, not a server user),
/// and the key its own session was opened with, if any (which it may not disable or delete from that session).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.ApiKeyHolder")]
public sealed record ApiKeyHolder(bool MayHaveKeys, string? SessionApiKeyId);
