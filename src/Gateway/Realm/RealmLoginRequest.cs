using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Problems;

namespace OrleansSessions.Gateway.Realm;

/// <summary>
/// A Realm login body, each with <c>options.device</c>: <c>{}</c> (anonymous), <c>{"username","password"}</c>
/// (local-userpass), <c>{"token"}</c> (custom-token), <c>{"id_token"}</c> (Google, Apple, oidc), <c>{"authCode"}</c>
/// (Google), <c>{"accessToken"}</c> (Facebook), <c>{"key"}</c> (api-key); for custom-function, the payload's own fields at the top level.
/// </summary>
public sealed record RealmLoginRequest(
    string? Username,
    string? Password,
    string? Token,
    RealmLoginOptions? Options,
    [property: JsonPropertyName("id_token")] string? IdToken = null,
    string? AuthCode = null,
    string? AccessToken = null,
    string? Key = null)
{
    /// <summary>The credentials of a login body for <paramref name="provider"/>, and the device the client names.</summary>
    public static (Credentials Credentials, RealmDevice? Device) Read(string provider, JsonElement? body, JsonSerializerOptions json)
    {
        Require.That(body is null or { ValueKind: JsonValueKind.Object or JsonValueKind.Null }, "The login body is a JSON object.");
        if (body is { } text)
        {
            JsonText.Require(text, "The login body");
        }

        var request = body?.Deserialize<RealmLoginRequest>(json);
        var credentials = provider == ProviderTypes.CustomFunction
            ? new Credentials(provider, null, null, null, Payload: FunctionPayload(body is { } element ? JsonObject.Create(element) : null))
            : new Credentials(
                provider, request?.Username, request?.Password, request?.Token,
                IdToken: request?.IdToken, AuthCode: request?.AuthCode, AccessToken: request?.AccessToken, Key: request?.Key);
        return (credentials, request?.Options?.Device);
    }

    /// <summary>The function's payload: the body without the client's <c>options</c> (and a native SDK's <c>provider</c>).</summary>
    private static JsonElement? FunctionPayload(JsonObject? body)
    {
        if (body is null)
        {
            return null;
        }

        var payload = new JsonObject(body.Where(p => p.Key is not ("options" or "provider"))
            .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        return JsonSerializer.SerializeToElement(payload);
    }
}
