using System.Text.Json.Serialization;

namespace OrleansSessions.Gateway.Realm;

/// <summary>A Realm login's answer; a link's has no refresh token (the session is the caller's).</summary>
public sealed record RealmLoginResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("device_id")] string DeviceId);
