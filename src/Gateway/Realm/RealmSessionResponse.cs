using System.Text.Json.Serialization;

namespace OrleansSessions.Gateway.Realm;

/// <summary>A Realm refresh's answer: a new access token; the refresh token stays (realm-web keeps the one it has).</summary>
public sealed record RealmSessionResponse([property: JsonPropertyName("access_token")] string AccessToken);
