using System.Net;
using System.Text.Json;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>The API-key calls the key tests share (PROVIDERS.md, "User API keys" and "Server API keys").</summary>
public static class ApiKeyCalls
{
    public const string UserKeys = "/v1/auth/api-keys";
    public const string ServerKeys = "/v1/admin/api-keys";

    public static object KeyLogin(string key) => new { provider = "api-key", key };

    public static Task<HttpResponseMessage> TryCreateKey(this Api api, string? accessToken, object? body) =>
        api.Send(HttpMethod.Post, UserKeys, accessToken, body);

    /// <summary>A new key of the user: its id and its secret, after checking the answer's shape.</summary>
    public static async Task<(string Id, string Key)> CreateKey(this Api api, string accessToken, string? name = null)
    {
        var response = await api.TryCreateKey(accessToken, new { name = name ?? $"key {Guid.NewGuid():N}" });
        var json = await Json(response, HttpStatusCode.Created);
        Fields(json, "id", "name", "disabled", "createdAt", "lastUsedAt", "key");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return (json.GetProperty("id").GetString()!, json.GetProperty("key").GetString()!);
    }

    /// <summary>A new server key: its id, its secret and its server user's id.</summary>
    public static async Task<(string Id, string Key, string UserId)> CreateServerKey(this Api api, string? name = null)
    {
        var response = await api.Admin(HttpMethod.Post, ServerKeys, new { name = name ?? $"server {Guid.NewGuid():N}" });
        var json = await Json(response, HttpStatusCode.Created);
        Fields(json, "id", "name", "disabled", "createdAt", "lastUsedAt", "userId", "key");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return (json.GetProperty("id").GetString()!, json.GetProperty("key").GetString()!, json.GetProperty("userId").GetString()!);
    }

    public static Task<HttpResponseMessage> KeyAction(this Api api, string? accessToken, string keyId, string action) =>
        action == "delete"
            ? api.Send(HttpMethod.Delete, $"{UserKeys}/{keyId}", accessToken)
            : api.Send(HttpMethod.Post, $"{UserKeys}/{keyId}/{action}", accessToken);

    public static async Task<JsonElement[]> Keys(this Api api, string accessToken)
    {
        var json = await Json(await api.Send(HttpMethod.Get, UserKeys, accessToken));
        Fields(json, "apiKeys");
        return [.. json.GetProperty("apiKeys").EnumerateArray()];
    }
}
