using System.Text.Json.Serialization;

namespace OrleansSessions.Gateway.Realm;

/// <summary>An error as a Realm client reads it: a message, a Realm error code, and a link (here, this service's own code).</summary>
public sealed record RealmError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_code")] string ErrorCode,
    [property: JsonPropertyName("link")] string Link);
