using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansSessions.Realm.Tests;

/// <summary>The Realm API's <c>user.apiKeys</c> routes and <c>api-key</c> logins over raw HTTP: shapes, codes, headers.</summary>
[Collection(ApiKeyRealmGatewayCollection.Name)]
public sealed class RealmApiKeyTests(ApiKeyRealmGateway gateway) : IDisposable
{
    private const string Keys = "/api/client/v2.0/auth/api_keys";
    private const string App = $"/api/client/v2.0/app/{RealmGateway.AppId}";

    private readonly HttpClient _http = gateway.NewHttpClient();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Keys_are_made_listed_read_disabled_enabled_and_deleted_in_realms_shapes()
    {
        var refresh = (await NewUser()).Refresh;

        var created = await Send(HttpMethod.Post, Keys, refresh, new { name = "phone" });
        var key = await gateway.JsonOf(created, HttpStatusCode.Created);
        Assert.Equal(["_id", "disabled", "key", "name"], key.EnumerateObject().Select(p => p.Name).Order());
        Assert.False(key.GetProperty("disabled").GetBoolean());
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
        var id = key.GetProperty("_id").GetString()!;

        var listed = Assert.Single((await gateway.JsonOf(await Send(HttpMethod.Get, Keys, refresh), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(["_id", "disabled", "name"], listed.EnumerateObject().Select(p => p.Name).Order());
        var one = await gateway.JsonOf(await Send(HttpMethod.Get, $"{Keys}/{id}", refresh), HttpStatusCode.OK);
        Assert.Equal(["_id", "disabled", "name"], one.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("phone", one.GetProperty("name").GetString());

        await NoBody(await Send(HttpMethod.Put, $"{Keys}/{id}/disable", refresh));
        Assert.True((await gateway.JsonOf(await Send(HttpMethod.Get, $"{Keys}/{id}", refresh), HttpStatusCode.OK)).GetProperty("disabled").GetBoolean());
        await NoBody(await Send(HttpMethod.Put, $"{Keys}/{id}/enable", refresh));
        await NoBody(await Send(HttpMethod.Delete, $"{Keys}/{id}", refresh));
        Assert.Empty((await gateway.JsonOf(await Send(HttpMethod.Get, Keys, refresh), HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task Refusals_carry_realms_codes_and_only_a_bad_refresh_token_is_InvalidSession()
    {
        var (_, refresh, access) = await NewUser();
        var id = (await gateway.JsonOf(await Send(HttpMethod.Post, Keys, refresh, new { name = "k" }), HttpStatusCode.Created)).GetProperty("_id").GetString()!;

        await Refused(await Send(HttpMethod.Post, Keys, refresh, new { name = "K" }), HttpStatusCode.Conflict, "APIKeyAlreadyExists");
        await Refused(await Send(HttpMethod.Post, Keys, refresh, new { name = "" }), HttpStatusCode.BadRequest, "BadRequest");
        foreach (var unknown in new[] { "000000000000000000000000", "nope" })
        {
            var missing = await Refused(await Send(HttpMethod.Get, $"{Keys}/{unknown}", refresh), HttpStatusCode.NotFound, "APIKeyNotFound");
            Assert.Equal("API key not found", missing.GetProperty("error").GetString());
            await Refused(await Send(HttpMethod.Put, $"{Keys}/{unknown}/disable", refresh), HttpStatusCode.NotFound, "APIKeyNotFound");
            await Refused(await Send(HttpMethod.Delete, $"{Keys}/{unknown}", refresh), HttpStatusCode.NotFound, "APIKeyNotFound");
        }

        var stranger = (await NewUser()).Refresh;
        await Refused(await Send(HttpMethod.Get, $"{Keys}/{id}", stranger), HttpStatusCode.NotFound, "APIKeyNotFound");
        foreach (var bearer in new[] { access, "not-a-refresh-token", refresh + "x" })
        {
            await Refused(await Send(HttpMethod.Get, Keys, bearer), HttpStatusCode.Unauthorized, "InvalidSession");
        }

        var anonymous = await gateway.JsonOf(await LogIn("anon-user", new { }), HttpStatusCode.OK);
        await Refused(await Send(HttpMethod.Post, Keys, anonymous.GetProperty("refresh_token").GetString()!, new { name = "k" }), HttpStatusCode.Forbidden, "AuthError");
    }

    [Fact]
    public async Task A_key_logs_its_user_in_and_its_own_session_may_not_end_it()
    {
        var (userId, refresh, _) = await NewUser();
        var made = await gateway.JsonOf(await Send(HttpMethod.Post, Keys, refresh, new { name = "k" }), HttpStatusCode.Created);
        var (id, key) = (made.GetProperty("_id").GetString()!, made.GetProperty("key").GetString()!);

        var keyLogin = await gateway.JsonOf(await LogIn("api-key", new { key, options = new { device = new { platform = "test" } } }), HttpStatusCode.OK);
        Assert.Equal(userId, keyLogin.GetProperty("user_id").GetString());
        var keyRefresh = keyLogin.GetProperty("refresh_token").GetString()!;

        await Refused(await Send(HttpMethod.Put, $"{Keys}/{id}/disable", keyRefresh), HttpStatusCode.Forbidden, "AuthError");
        await Refused(await Send(HttpMethod.Delete, $"{Keys}/{id}", keyRefresh), HttpStatusCode.Forbidden, "AuthError");
        await NoBody(await Send(HttpMethod.Put, $"{Keys}/{id}/disable", refresh));

        await Refused(await Send(HttpMethod.Get, Keys, keyRefresh), HttpStatusCode.Unauthorized, "InvalidSession");
        await Refused(await LogIn("api-key", new { key }), HttpStatusCode.Unauthorized, "AuthError");
        await Refused(await LogIn("api-key", new { key = new string('A', 64) }), HttpStatusCode.Unauthorized, "AuthError");
        await Refused(await LogIn("api-key", new { }), HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task A_server_keys_user_has_the_server_type()
    {
        using var admin = gateway.NewAdminClient();
        var server = await gateway.JsonOf(await admin.PostAsJsonAsync("/v1/admin/api-keys", new { name = $"server {Guid.NewGuid():N}" }), HttpStatusCode.Created);

        var login = await gateway.JsonOf(await LogIn("api-key", new { key = server.GetProperty("key").GetString() }), HttpStatusCode.OK);

        using var profile = new HttpRequestMessage(HttpMethod.Get, "/api/client/v2.0/auth/profile");
        profile.Headers.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("access_token").GetString());
        var body = await gateway.JsonOf(await _http.SendAsync(profile), HttpStatusCode.OK);
        Assert.Equal("server", body.GetProperty("type").GetString());
        Assert.Equal(server.GetProperty("userId").GetString(), body.GetProperty("user_id").GetString());
        (await admin.DeleteAsync($"/v1/admin/api-keys/{server.GetProperty("id").GetString()}")).EnsureSuccessStatusCode();
    }

    /// <summary>A new email/password user logged in through the Realm API: its id, refresh and access tokens.</summary>
    private async Task<(string UserId, string Refresh, string Access)> NewUser()
    {
        var (email, password) = ($"realm-{Guid.NewGuid():N}@example.com", $"pw-{Guid.NewGuid():N}");
        gateway.NoteSecret(password);
        (await _http.PostAsJsonAsync($"{App}/auth/providers/local-userpass/register", new { email, password })).EnsureSuccessStatusCode();
        var login = await gateway.JsonOf(await LogIn("local-userpass", new { username = email, password }), HttpStatusCode.OK);
        return (login.GetProperty("user_id").GetString()!, login.GetProperty("refresh_token").GetString()!, login.GetProperty("access_token").GetString()!);
    }

    private Task<HttpResponseMessage> LogIn(string provider, object body) =>
        _http.PostAsJsonAsync($"{App}/auth/providers/{provider}/login", body);

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string bearer, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await _http.SendAsync(request);
    }

    private static async Task NoBody(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Null(response.Content.Headers.ContentType);
    }

    private async Task<JsonElement> Refused(HttpResponseMessage response, HttpStatusCode status, string realmCode)
    {
        var error = await gateway.JsonOf(response, status);
        Assert.Equal(realmCode, error.GetProperty("error_code").GetString());
        return error;
    }
}
