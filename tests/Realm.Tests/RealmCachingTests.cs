using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansSessions.Realm.Tests;

/// <summary>No Realm answer that carries a token or a key may be kept by a cache (issue 13, item 8).</summary>
[Collection(ApiKeyRealmGatewayCollection.Name)]
public sealed class RealmCachingTests(ApiKeyRealmGateway gateway) : IDisposable
{
    private const string App = $"/api/client/v2.0/app/{RealmGateway.AppId}";

    private readonly HttpClient _http = gateway.NewHttpClient();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Realm_logins_session_refreshes_and_api_keys_say_no_store()
    {
        var (email, password) = ($"realm-{Guid.NewGuid():N}@example.com", $"pw-{Guid.NewGuid():N}");
        gateway.NoteSecret(password);
        (await _http.PostAsJsonAsync($"{App}/auth/providers/local-userpass/register", new { email, password })).EnsureSuccessStatusCode();

        var login = await NoStore(await _http.PostAsJsonAsync($"{App}/auth/providers/local-userpass/login", new { username = email, password }));
        var refresh = login.GetProperty("refresh_token").GetString()!;
        await NoStore(await Send(HttpMethod.Post, "/api/client/v2.0/auth/session", refresh));
        var created = await NoStore(await Send(HttpMethod.Post, "/api/client/v2.0/auth/api_keys", refresh, new { name = "cache test" }), HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;
        gateway.NoteSecret(key);
        await NoStore(await _http.PostAsJsonAsync($"{App}/auth/providers/api-key/login", new { key }));
        await NoStore(await _http.PostAsJsonAsync($"{App}/auth/providers/anon-user/login", new { }));
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string bearer, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await _http.SendAsync(request);
    }

    private async Task<JsonElement> NoStore(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{response.RequestMessage?.RequestUri} lacks no-store");
        return await gateway.JsonOf(response, expected);
    }
}
