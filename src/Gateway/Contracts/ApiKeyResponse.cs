using System.Text.Json.Serialization;
using OrleansSessions.Abstractions.ApiKeys;

namespace OrleansSessions.Gateway.Contracts;

/// <summary>
/// PROVIDERS.md's <c>ApiKey</c>; a <c>ServerApiKey</c> adds its server user's <c>userId</c>, and the answer that makes a
/// key adds its secret, <c>key</c>, shown this once.
/// </summary>
public sealed record ApiKeyResponse(
    string Id,
    string Name,
    bool Disabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Key = null)
{
    public static ApiKeyResponse Of(ApiKey key) => new(key.Id, key.Name, key.Disabled, key.CreatedAt, key.LastUsedAt);

    public static ApiKeyResponse OfServer(ApiKey key) => Of(key) with { UserId = key.UserId };
}
