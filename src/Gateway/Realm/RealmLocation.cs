using System.Text.Json.Serialization;

namespace OrleansSessions.Gateway.Realm;

/// <summary>Where a Realm client sends its requests: <c>hostname</c> is the base address every later path is put after.</summary>
public sealed record RealmLocation(
    [property: JsonPropertyName("deployment_model")] string DeploymentModel,
    [property: JsonPropertyName("location")] string Location,
    [property: JsonPropertyName("hostname")] string Hostname,
    [property: JsonPropertyName("ws_hostname")] string WsHostname);
