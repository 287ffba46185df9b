using System.Net;
using static OrleansSessions.Gateway.Tests.Api;
using static OrleansSessions.Gateway.Tests.ApiKeyCalls;

namespace OrleansSessions.Gateway.Tests;

/// <summary>Server API keys and the admin's view of users' keys (PROVIDERS.md, "Server API keys").</summary>
[Collection(ApiKeyGatewayCollection.Name)]
public sealed class ServerApiKeyTests(ApiKeyGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_server_key_logs_in_its_own_server_user()
    {
        var (id, key, userId) = await _api.CreateServerKey("Billing service");

        var login = await _api.LogIn(await _api.NewDevice(), KeyLogin(key));
        var again = await _api.LogIn(await _api.NewDevice(), KeyLogin(key));

        Assert.Equal(userId, login.UserId);
        Assert.Equal(userId, again.UserId);
        var profile = await _api.ProfileOf(login.AccessToken);
        Assert.Equal("server", profile.GetProperty("type").GetString());
        var admin = await _api.AdminViewOf(userId);
        Assert.Equal("server", admin.GetProperty("type").GetString());
        Assert.Equal(2, admin.GetProperty("sessions").GetArrayLength());
        var listed = (await Json(await _api.Admin(HttpMethod.Get, ServerKeys))).GetProperty("apiKeys").EnumerateArray()
            .Single(k => k.GetProperty("id").GetString() == id);
        Fields(listed, "id", "name", "disabled", "createdAt", "lastUsedAt", "userId");
        var one = await Json(await _api.Admin(HttpMethod.Get, $"{ServerKeys}/{id}"));
        Assert.Equal(userId, one.GetProperty("userId").GetString());
        Utc(one.GetProperty("lastUsedAt"));
        await NoContent(await _api.Admin(HttpMethod.Delete, $"{ServerKeys}/{id}"));
    }

    [Fact]
    public async Task Disabling_a_server_key_ends_its_users_sessions_and_deleting_it_deletes_the_user()
    {
        var (id, key, userId) = await _api.CreateServerKey();
        var device = await _api.NewDevice();
        var login = await _api.LogIn(device, KeyLogin(key));

        await NoContent(await _api.Admin(HttpMethod.Post, $"{ServerKeys}/{id}/disable"));

        await Problem(await _api.Profile(login.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        Assert.Equal("loggedOut", await _api.StateOf(device, userId));
        await Problem(await _api.TryLogIn(device, KeyLogin(key)), HttpStatusCode.Unauthorized, "invalid-credentials");

        await NoContent(await _api.Admin(HttpMethod.Post, $"{ServerKeys}/{id}/enable"));
        var back = await _api.LogIn(device, KeyLogin(key));

        await NoContent(await _api.Admin(HttpMethod.Delete, $"{ServerKeys}/{id}"));

        await Problem(await _api.Profile(back.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.AdminUser(userId), HttpStatusCode.NotFound, "user-not-found");
        Assert.Null(await _api.StateOf(device, userId));
        await Problem(await _api.Admin(HttpMethod.Get, $"{ServerKeys}/{id}"), HttpStatusCode.NotFound, "api-key-not-found");
        await Problem(await _api.TryLogIn(device, KeyLogin(key)), HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    [Fact]
    public async Task Server_key_names_are_unique_their_number_limited_and_unknown_ids_not_found()
    {
        foreach (var existing in (await Json(await _api.Admin(HttpMethod.Get, ServerKeys))).GetProperty("apiKeys").EnumerateArray())
        {
            await NoContent(await _api.Admin(HttpMethod.Delete, $"{ServerKeys}/{existing.GetProperty("id").GetString()}"));
        }

        var made = new List<string> { (await _api.CreateServerKey("Reports")).Id };
        await Problem(await _api.Admin(HttpMethod.Post, ServerKeys, new { name = "REPORTS" }), HttpStatusCode.Conflict, "api-key-name-in-use");
        await Problem(await _api.Admin(HttpMethod.Post, ServerKeys, new { name = "" }), HttpStatusCode.BadRequest, "validation-failed");
        while (made.Count < ApiKeyGateway.MaxServerKeys)
        {
            made.Add((await _api.CreateServerKey()).Id);
        }

        await Problem(await _api.Admin(HttpMethod.Post, ServerKeys, new { name = "too many" }), HttpStatusCode.Conflict, "api-key-limit-reached");
        Assert.Equal(made, (await Json(await _api.Admin(HttpMethod.Get, ServerKeys))).GetProperty("apiKeys").EnumerateArray()
            .Select(k => k.GetProperty("id").GetString()!));
        foreach (var id in made)
        {
            await NoContent(await _api.Admin(HttpMethod.Delete, $"{ServerKeys}/{id}"));
        }

        foreach (var (method, path) in new[] { (HttpMethod.Get, ""), (HttpMethod.Post, "/disable"), (HttpMethod.Post, "/enable"), (HttpMethod.Delete, "") })
        {
            await Problem(await _api.Admin(method, $"{ServerKeys}/{made[0]}{path}"), HttpStatusCode.NotFound, "api-key-not-found");
        }
    }

    [Fact]
    public async Task An_admin_lists_and_deletes_a_users_keys()
    {
        var (account, login) = await _api.NewUser(await _api.NewDevice());
        var (id, key) = await _api.CreateKey(login.AccessToken, "laptop");
        var device = await _api.NewDevice();
        var keySession = await _api.LogIn(device, KeyLogin(key));

        var listed = Assert.Single((await Json(await _api.Admin(HttpMethod.Get, $"/v1/admin/users/{account.UserId}/api-keys"))).GetProperty("apiKeys").EnumerateArray());
        Fields(listed, "id", "name", "disabled", "createdAt", "lastUsedAt");
        await NoContent(await _api.Admin(HttpMethod.Delete, $"/v1/admin/users/{account.UserId}/api-keys/{id}"));

        await Problem(await _api.Profile(keySession.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await _api.ProfileOf(login.AccessToken);
        Assert.Empty(await _api.Keys(login.AccessToken));
        await Problem(await _api.Admin(HttpMethod.Delete, $"/v1/admin/users/{account.UserId}/api-keys/{id}"), HttpStatusCode.NotFound, "api-key-not-found");
        foreach (var userId in new[] { "000000000000000000000000", "nope" })
        {
            await Problem(await _api.Admin(HttpMethod.Get, $"/v1/admin/users/{userId}/api-keys"), HttpStatusCode.NotFound, "user-not-found");
            await Problem(await _api.Admin(HttpMethod.Delete, $"/v1/admin/users/{userId}/api-keys/{id}"), HttpStatusCode.NotFound, "user-not-found");
        }
    }

    [Fact]
    public async Task Revoke_keeps_the_keys_disable_blocks_them_and_delete_takes_them_away()
    {
        var (account, login) = await _api.NewUser(await _api.NewDevice());
        var (_, key) = await _api.CreateKey(login.AccessToken);
        var device = await _api.NewDevice();
        var keySession = await _api.LogIn(device, KeyLogin(key));
        var user = $"/v1/admin/users/{account.UserId}";

        await NoContent(await _api.Admin(HttpMethod.Post, $"{user}/revoke-sessions"));
        await Problem(await _api.Profile(keySession.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await _api.LogIn(device, KeyLogin(key));

        await NoContent(await _api.Admin(HttpMethod.Post, $"{user}/disable"));
        await Problem(await _api.TryLogIn(device, KeyLogin(key)), HttpStatusCode.Unauthorized, "user-disabled");
        await NoContent(await _api.Admin(HttpMethod.Post, $"{user}/enable"));
        await _api.LogIn(device, KeyLogin(key));

        await NoContent(await _api.Admin(HttpMethod.Delete, user));
        await Problem(await _api.TryLogIn(device, KeyLogin(key)), HttpStatusCode.Unauthorized, "invalid-credentials");
        await Problem(await _api.Admin(HttpMethod.Get, $"{user}/api-keys"), HttpStatusCode.NotFound, "user-not-found");
    }

    [Fact]
    public async Task Every_key_route_of_the_admin_needs_the_admin_key()
    {
        var (account, login) = await _api.NewUser(await _api.NewDevice());
        var routes = new (HttpMethod, string)[]
        {
            (HttpMethod.Post, ServerKeys), (HttpMethod.Get, ServerKeys), (HttpMethod.Get, $"{ServerKeys}/000000000000000000000000"),
            (HttpMethod.Post, $"{ServerKeys}/000000000000000000000000/disable"), (HttpMethod.Post, $"{ServerKeys}/000000000000000000000000/enable"),
            (HttpMethod.Delete, $"{ServerKeys}/000000000000000000000000"), (HttpMethod.Get, $"/v1/admin/users/{account.UserId}/api-keys"),
            (HttpMethod.Delete, $"/v1/admin/users/{account.UserId}/api-keys/000000000000000000000000"),
        };
        foreach (var (method, path) in routes)
        {
            foreach (var bearer in new[] { null, "wrong-admin-key", login.AccessToken })
            {
                await Problem(await _api.Send(method, path, bearer, method == HttpMethod.Post ? new { name = "k" } : null), HttpStatusCode.Unauthorized, "invalid-admin-key");
            }
        }
    }
}
