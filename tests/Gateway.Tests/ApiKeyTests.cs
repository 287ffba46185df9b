using System.Net;
using static OrleansSessions.Gateway.Tests.Api;
using static OrleansSessions.Gateway.Tests.ApiKeyCalls;

namespace OrleansSessions.Gateway.Tests;

/// <summary>A user's own API keys (PROVIDERS.md, "User API keys") and the logins they make.</summary>
[Collection(ApiKeyGatewayCollection.Name)]
public sealed class ApiKeyTests(ApiKeyGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_key_is_shown_once_listed_without_its_secret_and_logs_its_owner_in_without_a_new_identity()
    {
        var (account, login) = await _api.NewUser(await _api.NewDevice());
        var before = await _api.ProfileOf(login.AccessToken);

        var (id, key) = await _api.CreateKey(login.AccessToken, "CI server");

        Assert.Matches("^[0-9a-f]{24}$", id);
        Assert.Matches("^[A-Za-z0-9]{64}$", key);
        var listed = Assert.Single(await _api.Keys(login.AccessToken));
        Fields(listed, "id", "name", "disabled", "createdAt", "lastUsedAt");
        Assert.Equal(id, listed.GetProperty("id").GetString());
        Assert.Equal("CI server", listed.GetProperty("name").GetString());
        Assert.False(listed.GetProperty("disabled").GetBoolean());
        Utc(listed.GetProperty("createdAt"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, listed.GetProperty("lastUsedAt").ValueKind);

        var keyLogin = await _api.LogIn(await _api.NewDevice(), KeyLogin(key));

        Assert.Equal(account.UserId, keyLogin.UserId);
        var profile = await _api.ProfileOf(keyLogin.AccessToken);
        Assert.Equal("normal", profile.GetProperty("type").GetString());
        Assert.Equal(before.GetProperty("identities").GetRawText(), profile.GetProperty("identities").GetRawText());
        var one = await Json(await _api.Send(HttpMethod.Get, $"{UserKeys}/{id}", login.AccessToken));
        Fields(one, "id", "name", "disabled", "createdAt", "lastUsedAt");
        Utc(one.GetProperty("lastUsedAt"));
    }

    [Fact]
    public async Task Names_are_checked_unique_case_insensitively_and_limited_in_number()
    {
        var (_, login) = await _api.NewUser(await _api.NewDevice());
        foreach (var body in new object?[] { null, new { }, new { name = "" }, new { name = "  " }, new { name = new string('n', 101) }, new { name = "a\nb" }, new { name = 5 } })
        {
            await Problem(await _api.TryCreateKey(login.AccessToken, body), HttpStatusCode.BadRequest, "validation-failed");
        }

        await _api.CreateKey(login.AccessToken, "Deploy");
        await Problem(await _api.TryCreateKey(login.AccessToken, new { name = "dEPLOY" }), HttpStatusCode.Conflict, "api-key-name-in-use");
        await _api.CreateKey(login.AccessToken, new string('n', 100));
        await _api.CreateKey(login.AccessToken);
        await Problem(await _api.TryCreateKey(login.AccessToken, new { name = "one more" }), HttpStatusCode.Conflict, "api-key-limit-reached");
        Assert.Equal(ApiKeyGateway.MaxPerUser, (await _api.Keys(login.AccessToken)).Length);

        var (_, other) = await _api.NewUser(await _api.NewDevice());
        await _api.CreateKey(other.AccessToken, "Deploy");
    }

    [Fact]
    public async Task Anonymous_and_server_users_may_not_make_keys()
    {
        var anonymous = await _api.LogIn(await _api.NewDevice(), Anonymous);
        await Problem(await _api.TryCreateKey(anonymous.AccessToken, new { name = "k" }), HttpStatusCode.Forbidden, "api-keys-not-allowed");
        Assert.Empty(await _api.Keys(anonymous.AccessToken));

        var server = await _api.CreateServerKey();
        var serverLogin = await _api.LogIn(await _api.NewDevice(), KeyLogin(server.Key));
        await Problem(await _api.TryCreateKey(serverLogin.AccessToken, new { name = "k" }), HttpStatusCode.Forbidden, "api-keys-not-allowed");
        await NoContent(await _api.Admin(HttpMethod.Delete, $"{ServerKeys}/{server.Id}"));
    }

    [Fact]
    public async Task Another_users_key_or_an_unknown_id_is_not_found_and_left_alone()
    {
        var (_, owner) = await _api.NewUser(await _api.NewDevice());
        var (_, stranger) = await _api.NewUser(await _api.NewDevice());
        var (id, key) = await _api.CreateKey(owner.AccessToken);

        foreach (var keyId in new[] { id, "000000000000000000000000", "not-an-id" })
        {
            await Problem(await _api.Send(HttpMethod.Get, $"{UserKeys}/{keyId}", stranger.AccessToken), HttpStatusCode.NotFound, "api-key-not-found");
            foreach (var action in new[] { "disable", "enable", "delete" })
            {
                await Problem(await _api.KeyAction(stranger.AccessToken, keyId, action), HttpStatusCode.NotFound, "api-key-not-found");
            }
        }

        Assert.Empty(await _api.Keys(stranger.AccessToken));
        Assert.Equal(owner.UserId, (await _api.LogIn(await _api.NewDevice(), KeyLogin(key))).UserId);
    }

    [Fact]
    public async Task Disabling_a_key_ends_its_sessions_only_and_enabling_it_brings_none_back()
    {
        var passwordDevice = await _api.NewDevice();
        var (account, login) = await _api.NewUser(passwordDevice);
        var (id, key) = await _api.CreateKey(login.AccessToken);
        var (_, otherKey) = await _api.CreateKey(login.AccessToken);
        var phone = await _api.NewDevice();
        var laptop = await _api.NewDevice();
        var onPhone = await _api.LogIn(phone, KeyLogin(key));
        var onLaptop = await _api.LogIn(laptop, KeyLogin(key));
        var otherDevice = await _api.NewDevice();
        var withOtherKey = await _api.LogIn(otherDevice, KeyLogin(otherKey));

        await NoContent(await _api.KeyAction(login.AccessToken, id, "disable"));

        await Problem(await _api.Profile(onPhone.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.Refresh(onLaptop.RefreshToken), HttpStatusCode.Unauthorized, "invalid-session");
        Assert.Equal("loggedOut", await _api.StateOf(phone, account.UserId));
        Assert.Equal("loggedOut", await _api.StateOf(laptop, account.UserId));
        Assert.Equal("active", await _api.StateOf(passwordDevice, account.UserId));
        Assert.Equal("active", await _api.StateOf(otherDevice, account.UserId));
        await _api.ProfileOf(withOtherKey.AccessToken);
        await Problem(await _api.TryLogIn(await _api.NewDevice(), KeyLogin(key)), HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.True((await Json(await _api.Send(HttpMethod.Get, $"{UserKeys}/{id}", login.AccessToken))).GetProperty("disabled").GetBoolean());

        await NoContent(await _api.KeyAction(login.AccessToken, id, "enable"));

        await Problem(await _api.Profile(onPhone.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        Assert.Equal(account.UserId, (await _api.LogIn(phone, KeyLogin(key))).UserId);
    }

    [Fact]
    public async Task Deleting_a_key_ends_its_sessions_and_it_is_gone()
    {
        var (account, login) = await _api.NewUser(await _api.NewDevice());
        var (id, key) = await _api.CreateKey(login.AccessToken);
        var device = await _api.NewDevice();
        var keySession = await _api.LogIn(device, KeyLogin(key));

        await NoContent(await _api.KeyAction(login.AccessToken, id, "delete"));

        await Problem(await _api.Profile(keySession.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        Assert.Equal("loggedOut", await _api.StateOf(device, account.UserId));
        await Problem(await _api.Send(HttpMethod.Get, $"{UserKeys}/{id}", login.AccessToken), HttpStatusCode.NotFound, "api-key-not-found");
        await Problem(await _api.KeyAction(login.AccessToken, id, "delete"), HttpStatusCode.NotFound, "api-key-not-found");
        await Problem(await _api.TryLogIn(device, KeyLogin(key)), HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Empty(await _api.Keys(login.AccessToken));
    }

    [Fact]
    public async Task A_session_may_not_disable_or_delete_the_key_it_was_opened_with()
    {
        var (_, login) = await _api.NewUser(await _api.NewDevice());
        var (id, key) = await _api.CreateKey(login.AccessToken);
        var (otherId, _) = await _api.CreateKey(login.AccessToken);
        var keySession = await _api.LogIn(await _api.NewDevice(), KeyLogin(key));

        await Problem(await _api.KeyAction(keySession.AccessToken, id, "disable"), HttpStatusCode.Forbidden, "reauthentication-required");
        await Problem(await _api.KeyAction(keySession.AccessToken, id, "delete"), HttpStatusCode.Forbidden, "reauthentication-required");
        await _api.ProfileOf(keySession.AccessToken);
        Assert.False((await _api.Keys(keySession.AccessToken)).Single(k => k.GetProperty("id").GetString() == id).GetProperty("disabled").GetBoolean());

        await NoContent(await _api.KeyAction(keySession.AccessToken, otherId, "delete"));
        await NoContent(await _api.KeyAction(login.AccessToken, id, "delete"));
        await Problem(await _api.Profile(keySession.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
    }

    [Fact]
    public async Task Key_logins_refuse_unknown_malformed_and_missing_keys_and_a_key_is_never_linked()
    {
        var device = await _api.NewDevice();
        var (_, login) = await _api.NewUser(device);
        var (_, key) = await _api.CreateKey(login.AccessToken);

        var wrongs = new[] { key[..63] + (key[63] == 'a' ? 'b' : 'a'), Flip(key), key[..40], key + "a", new string('-', 64) };
        foreach (var wrong in wrongs)
        {
            await Problem(await _api.TryLogIn(device, KeyLogin(wrong)), HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        await Problem(await _api.TryLogIn(device, new { provider = "api-key" }), HttpStatusCode.BadRequest, "validation-failed");
        await Problem(await _api.TryLogIn(device, new { provider = "api-key", key = "" }), HttpStatusCode.BadRequest, "validation-failed");
        await Problem(await _api.TryLogIn(device with { Token = "wrong-device-token" }, KeyLogin(key)), HttpStatusCode.Unauthorized, "invalid-device-token");
        await Problem(await _api.Link(login.AccessToken, KeyLogin(key)), HttpStatusCode.BadRequest, "validation-failed");
    }

    [Fact]
    public async Task Every_key_route_needs_a_live_session()
    {
        var (_, login) = await _api.NewUser(await _api.NewDevice());
        var (id, _) = await _api.CreateKey(login.AccessToken);
        await NoContent(await _api.EndSessionWithRefreshToken(login.RefreshToken));

        foreach (var (bearer, code) in new (string?, string)[] { (login.AccessToken, "session-revoked"), ("not-a-token", "invalid-token"), (null, "invalid-token") })
        {
            await Problem(await _api.TryCreateKey(bearer, new { name = "k" }), HttpStatusCode.Unauthorized, code);
            await Problem(await _api.Send(HttpMethod.Get, UserKeys, bearer), HttpStatusCode.Unauthorized, code);
            await Problem(await _api.Send(HttpMethod.Get, $"{UserKeys}/{id}", bearer), HttpStatusCode.Unauthorized, code);
            foreach (var action in new[] { "disable", "enable", "delete" })
            {
                await Problem(await _api.KeyAction(bearer, id, action), HttpStatusCode.Unauthorized, code);
            }
        }
    }

    /// <summary>The key with its letters' case swapped: another key, as keys are case-sensitive.</summary>
    private static string Flip(string key) =>
        new([.. key.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c))]);
}
