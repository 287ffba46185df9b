using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansSessions.Gateway.Realm;

/// <summary>
/// What a Realm client says of itself at login (<c>options.device</c>); <c>deviceId</c> is the id this service handed
/// it before, as extended JSON (<c>{"$oid": "…"}</c>) or a plain string.
/// </summary>
public sealed record RealmDevice(JsonElement? DeviceId, string? Platform, string? PlatformVersion)
{
    [JsonIgnore]
    public string? Id => DeviceId switch
    {
        { ValueKind: JsonValueKind.String } id => id.GetString(),
        { ValueKind: JsonValueKind.Object } id when id.TryGetProperty("$oid", out var oid) && oid.ValueKind == JsonValueKind.String => oid.GetString(),
        _ => null,
    };
}
