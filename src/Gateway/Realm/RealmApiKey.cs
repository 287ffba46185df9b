using System.Text.Json.Serialization;
using OrleansSessions.Abstractions.ApiKeys;

namespace OrleansSessions.Gateway.Realm;

/// <summary>An API key as realm-web's <c>user.apiKeys</c> reads it; <c>key</c>, the secret, only in the answer that made it.</summary>
public sealed record RealmApiKey(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("key"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Key,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("disabled")] bool Disabled)
{
    public static RealmApiKey Of(ApiKey key, string? secret = null) => new(key.Id, secret, key.Name, key.Disabled);
}
