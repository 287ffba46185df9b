using System.Net;
using System.Text;
using System.Text.Json;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>The admin routes (admin key) and SPEC.md's admin actions.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class AdminTests(DefaultGateway gateway) : IDisposable
{
    private const string Unknown = "000000000000000000000000";

    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Every_admin_route_refuses_a_wrong_or_missing_key_and_changes_nothing()
    {
        var device = await _api.NewDevice();
        var (account, login) = await _api.NewUser(device);
        var u = account.UserId;
        var routes = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, $"/v1/admin/users/{u}", null),
            (HttpMethod.Get, $"/v1/admin/users?email={account.Email}", null),
            (HttpMethod.Post, $"/v1/admin/users/{u}/confirm", null),
            (HttpMethod.Post, $"/v1/admin/users/{u}/disable", null),
            (HttpMethod.Post, $"/v1/admin/users/{u}/enable", null),
            (HttpMethod.Post, $"/v1/admin/users/{u}/revoke-sessions", null),
            (HttpMethod.Delete, $"/v1/admin/users/{u}", null),
            (HttpMethod.Put, $"/v1/admin/users/{u}/custom-data", new { plan = "stolen" }),
            (HttpMethod.Get, $"/v1/admin/devices/{device.Id}", null),
            (HttpMethod.Post, "/v1/auth/introspect", new { token = login.AccessToken }),
        };

        foreach (var key in new string?[] { null, "wrong-key", GatewayHost.AdminKey + "x", GatewayHost.AdminKey.ToUpperInvariant(), login.AccessToken, device.Token })
        {
            foreach (var (method, path, body) in routes)
            {
                await Problem(await _api.Send(method, path, key, body), HttpStatusCode.Unauthorized, "invalid-admin-key");
            }
        }

        var basic = new HttpRequestMessage(HttpMethod.Get, $"/v1/admin/users/{u}");
        basic.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + GatewayHost.AdminKey)));
        await Problem(await _api.Http.SendAsync(basic), HttpStatusCode.Unauthorized, "invalid-admin-key");

        var profile = await _api.ProfileOf(login.AccessToken);
        Assert.Equal("confirmed", profile.GetProperty("status").GetString());
        Assert.Empty(profile.GetProperty("customData").EnumerateObject());
        Assert.Equal("active", await _api.StateOf(device, u));
    }

    [Fact]
    public async Task An_admin_reads_a_user_by_id_or_by_email()
    {
        var phone = await _api.NewDevice("phone");
        var laptop = await _api.NewDevice("laptop");
        var (account, _) = await _api.NewUser(phone);
        await _api.LogIn(laptop, account);

        var user = await _api.AdminViewOf(account.UserId);

        Fields(user, "userId", "status", "email", "identities", "customData", "createdAt", "type", "metadata", "sessions", "deviceIds");
        Assert.Equal(account.UserId, user.GetProperty("userId").GetString());
        Assert.Equal("confirmed", user.GetProperty("status").GetString());
        Assert.Equal(account.Email, user.GetProperty("email").GetString());
        Assert.Equal("local-userpass", Assert.Single(user.GetProperty("identities").EnumerateArray()).GetProperty("providerType").GetString());
        Assert.Equal(JsonValueKind.Object, user.GetProperty("customData").ValueKind);
        Utc(user.GetProperty("createdAt"));
        var sessions = user.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal(2, sessions.Count);
        Assert.All(sessions, s => Fields(s, "sessionId", "deviceId", "deviceName", "createdAt", "lastUsedAt"));
        Assert.Equal(new[] { laptop.Id, phone.Id }.Order(), sessions.Select(s => s.GetProperty("deviceId").GetString()!).Order());
        Assert.Equal("laptop", sessions.Single(s => s.GetProperty("deviceId").GetString() == laptop.Id).GetProperty("deviceName").GetString());
        Assert.Equal(new[] { laptop.Id, phone.Id }.Order(), user.GetProperty("deviceIds").EnumerateArray().Select(d => d.GetString()!).Order());

        var byEmail = await Json(await _api.Admin(HttpMethod.Get, $"/v1/admin/users?email={Uri.EscapeDataString(account.Email.ToUpperInvariant())}"));
        Assert.Equal(account.UserId, byEmail.GetProperty("userId").GetString());
        Fields(byEmail, "userId", "status", "email", "identities", "customData", "createdAt", "type", "metadata", "sessions", "deviceIds");

        // A logged-out user stays on its device; a removed one does not.
        await NoContent(await _api.LogOut(phone, account.UserId));
        await NoContent(await _api.Remove(laptop, account.UserId));
        user = await _api.AdminViewOf(account.UserId);
        Assert.Empty(user.GetProperty("sessions").EnumerateArray());
        Assert.Equal([phone.Id], user.GetProperty("deviceIds").EnumerateArray().Select(d => d.GetString()!).ToArray());
    }

    [Fact]
    public async Task An_unknown_user_is_not_found_by_any_admin_route()
    {
        foreach (var id in new[] { Unknown, "not-an-id" })
        {
            await Problem(await _api.AdminUser(id), HttpStatusCode.NotFound, "user-not-found");
            foreach (var action in new[] { "confirm", "disable", "enable", "revoke-sessions" })
            {
                await Problem(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{id}/{action}"), HttpStatusCode.NotFound, "user-not-found");
            }

            await Problem(await _api.Admin(HttpMethod.Delete, $"/v1/admin/users/{id}"), HttpStatusCode.NotFound, "user-not-found");
            await Problem(await _api.Admin(HttpMethod.Put, $"/v1/admin/users/{id}/custom-data", new { a = 1 }), HttpStatusCode.NotFound, "user-not-found");
        }

        await Problem(await _api.Admin(HttpMethod.Get, $"/v1/admin/users?email={NewEmail()}"), HttpStatusCode.NotFound, "user-not-found");
        await Problem(await _api.Admin(HttpMethod.Get, "/v1/admin/users?status=unknown"), HttpStatusCode.BadRequest, "validation-failed");
    }

    [Fact]
    public async Task Disabling_ends_every_session_and_refuses_logins_until_enabled()
    {
        var phone = await _api.NewDevice();
        var laptop = await _api.NewDevice();
        var (other, _) = await _api.NewUser(phone);
        var (account, onPhone) = await _api.NewUser(phone);
        var onLaptop = await _api.LogIn(laptop, account);

        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/disable"));

        await Problem(await _api.Profile(onPhone.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.Profile(onLaptop.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.Refresh(onLaptop.RefreshToken), HttpStatusCode.Unauthorized, "invalid-session");
        Assert.False((await Json(await _api.Introspect(onPhone.AccessToken))).GetProperty("active").GetBoolean());
        Assert.Equal("loggedOut", await _api.StateOf(phone, account.UserId));
        Assert.Equal("loggedOut", await _api.StateOf(laptop, account.UserId));
        Assert.Equal(other.UserId, await _api.ActiveUserId(phone));
        Assert.Null(await _api.ActiveUserId(laptop));
        Assert.Equal("disabled", (await _api.AdminViewOf(account.UserId)).GetProperty("status").GetString());
        await Problem(await _api.TryLogIn(phone, Password(account)), HttpStatusCode.Unauthorized, "user-disabled");
        await Problem(await _api.TryLogIn(laptop, Password(account.Email, account.Password + "x")), HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Equal(other.UserId, await _api.ActiveUserId(phone));
        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/disable"));

        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/enable"));

        var enabled = await _api.AdminViewOf(account.UserId);
        Assert.Equal("confirmed", enabled.GetProperty("status").GetString());
        Assert.Empty(enabled.GetProperty("sessions").EnumerateArray());
        Assert.Equal("loggedOut", await _api.StateOf(phone, account.UserId));
        Assert.Equal("loggedOut", await _api.StateOf(laptop, account.UserId));
        await Problem(await _api.Profile(onPhone.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.Refresh(onPhone.RefreshToken), HttpStatusCode.Unauthorized, "invalid-session");
        var again = await _api.LogIn(laptop, account);
        Assert.Equal("confirmed", (await _api.ProfileOf(again.AccessToken)).GetProperty("status").GetString());
        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/enable"));
    }

    [Fact]
    public async Task Revoking_ends_every_session_at_once_and_the_user_can_log_in_again()
    {
        var phone = await _api.NewDevice();
        var laptop = await _api.NewDevice();
        var (account, onPhone) = await _api.NewUser(phone);
        var (other, _) = await _api.NewUser(laptop);
        var onLaptop = await _api.LogIn(laptop, account);

        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/revoke-sessions"));

        foreach (var login in new[] { onPhone, onLaptop })
        {
            await Problem(await _api.Profile(login.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
            await Problem(await _api.Sessions(login.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
            await Problem(await _api.Refresh(login.RefreshToken), HttpStatusCode.Unauthorized, "invalid-session");
            Assert.False((await Json(await _api.Introspect(login.AccessToken))).GetProperty("active").GetBoolean());
        }

        Assert.Equal("loggedOut", await _api.StateOf(phone, account.UserId));
        Assert.Equal("loggedOut", await _api.StateOf(laptop, account.UserId));
        Assert.Null(await _api.ActiveUserId(phone));
        Assert.Equal(other.UserId, await _api.ActiveUserId(laptop));
        Assert.Equal("confirmed", (await _api.AdminViewOf(account.UserId)).GetProperty("status").GetString());

        var again = await _api.LogIn(phone, account);
        await Json(await _api.Profile(again.AccessToken));
        Assert.Equal(account.UserId, await _api.ActiveUserId(phone));
    }

    [Fact]
    public async Task An_admin_deletes_a_user_everywhere()
    {
        var phone = await _api.NewDevice();
        var laptop = await _api.NewDevice();
        var (other, _) = await _api.NewUser(laptop);
        var (account, onPhone) = await _api.NewUser(phone);
        var onLaptop = await _api.LogIn(laptop, account);
        Assert.Equal(account.UserId, await _api.ActiveUserId(laptop));

        await NoContent(await _api.Admin(HttpMethod.Delete, $"/v1/admin/users/{account.UserId}"));

        await Problem(await _api.AdminUser(account.UserId), HttpStatusCode.NotFound, "user-not-found");
        await Problem(await _api.Profile(onPhone.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.Refresh(onLaptop.RefreshToken), HttpStatusCode.Unauthorized, "invalid-session");
        Assert.Empty(await _api.UserIds(phone));
        Assert.Equal([other.UserId], await _api.UserIds(laptop));
        Assert.Equal(other.UserId, await _api.ActiveUserId(laptop));
        await Problem(await _api.TryLogIn(phone, Password(account)), HttpStatusCode.Unauthorized, "invalid-credentials");
        await Problem(await _api.Admin(HttpMethod.Delete, $"/v1/admin/users/{account.UserId}"), HttpStatusCode.NotFound, "user-not-found");
        foreach (var action in new[] { "confirm", "disable", "enable", "revoke-sessions" })
        {
            await Problem(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/{action}"), HttpStatusCode.NotFound, "user-not-found");
        }

        await Problem(await _api.Admin(HttpMethod.Put, $"/v1/admin/users/{account.UserId}/custom-data", new { a = 1 }),
            HttpStatusCode.NotFound, "user-not-found");
        Assert.NotEqual(account.UserId, (await _api.Register(account.Email)).UserId);
    }

    [Fact]
    public async Task Custom_data_set_by_an_admin_is_in_the_profile()
    {
        var (account, login) = await _api.NewUser(await _api.NewDevice());
        var data = new { plan = "pro", seats = 3, tags = new[] { "a", "b" }, nested = new { on = true } };

        await NoContent(await _api.Admin(HttpMethod.Put, $"/v1/admin/users/{account.UserId}/custom-data", data));

        var expected = JsonSerializer.SerializeToElement(data, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.True(JsonElement.DeepEquals(expected, (await _api.ProfileOf(login.AccessToken)).GetProperty("customData")));
        Assert.True(JsonElement.DeepEquals(expected, (await _api.AdminViewOf(account.UserId)).GetProperty("customData")));

        await NoContent(await _api.Admin(HttpMethod.Put, $"/v1/admin/users/{account.UserId}/custom-data", new { }));
        Assert.Empty((await _api.ProfileOf(login.AccessToken)).GetProperty("customData").EnumerateObject());
    }

    [Fact]
    public async Task Custom_data_that_is_not_an_object_or_over_16_KiB_is_refused_and_changes_nothing()
    {
        var (account, login) = await _api.NewUser(await _api.NewDevice());
        var path = $"/v1/admin/users/{account.UserId}/custom-data";
        await NoContent(await _api.Admin(HttpMethod.Put, path, new { plan = "basic" }));
        var before = (await _api.ProfileOf(login.AccessToken)).GetProperty("customData").GetRawText();

        foreach (var notAnObject in new[] { "[1,2]", "\"text\"", "42", "null", "true", "{", "" })
        {
            await Problem(await _api.Admin(HttpMethod.Put, path, Raw(notAnObject)), HttpStatusCode.BadRequest, "validation-failed");
        }

        var large = "{\"blob\":\"" + new string('x', 17 * 1024) + "\"}";
        await Problem(await _api.Admin(HttpMethod.Put, path, Raw(large)), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        var justUnder = "{\"blob\":\"" + new string('x', 16 * 1024 - 12) + "\"}";
        Assert.True(Encoding.UTF8.GetByteCount(justUnder) <= 16 * 1024);
        await Problem(await _api.Admin(HttpMethod.Put, path, Raw(justUnder, "text/plain")), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");

        Assert.Equal(before, (await _api.ProfileOf(login.AccessToken)).GetProperty("customData").GetRawText());
        await NoContent(await _api.Admin(HttpMethod.Put, path, Raw(justUnder)));
        Assert.Equal(16 * 1024 - 12, (await _api.ProfileOf(login.AccessToken)).GetProperty("customData").GetProperty("blob").GetString()!.Length);
    }

    [Fact]
    public async Task An_admin_reads_a_device_and_its_users()
    {
        var device = await _api.NewDevice("shared tablet");
        var (a, _) = await _api.NewUser(device);
        var (b, _) = await _api.NewUser(device);
        await NoContent(await _api.LogOut(device, a.UserId));

        var details = await Json(await _api.Admin(HttpMethod.Get, $"/v1/admin/devices/{device.Id}"));

        Fields(details, "deviceId", "name", "createdAt", "activeUserId", "users");
        Assert.Equal(device.Id, details.GetProperty("deviceId").GetString());
        Assert.Equal("shared tablet", details.GetProperty("name").GetString());
        Utc(details.GetProperty("createdAt"));
        Assert.Equal(b.UserId, details.GetProperty("activeUserId").GetString());
        Assert.Equal((await _api.Users(device)).GetProperty("users").GetRawText(), details.GetProperty("users").GetRawText());
        Assert.All(details.GetProperty("users").EnumerateArray(), u => Fields(u, "userId", "state", "providerType", "email", "lastActiveAt"));

        var unnamed = await _api.NewDevice();
        var empty = await Json(await _api.Admin(HttpMethod.Get, $"/v1/admin/devices/{unnamed.Id}"));
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("name").ValueKind);
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("activeUserId").ValueKind);
        Assert.Empty(empty.GetProperty("users").EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_device_is_not_found()
    {
        await Problem(await _api.Admin(HttpMethod.Get, $"/v1/admin/devices/{Unknown}"), HttpStatusCode.NotFound, "device-not-found");
        await Problem(await _api.Admin(HttpMethod.Get, "/v1/admin/devices/not-a-device"), HttpStatusCode.NotFound, "device-not-found");
    }
}
