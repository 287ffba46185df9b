using System.Text.Json.Serialization;

namespace OrleansSessions.Gateway.Realm;

public sealed record RealmIdentity(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("provider_type")] string ProviderType);
