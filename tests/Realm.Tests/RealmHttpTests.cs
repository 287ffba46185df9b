using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OrleansSessions.Realm.Tests;

/// <summary>The Realm API over raw HTTP, for what realm-web itself does not exercise: shapes, codes, CORS, devices.</summary>
[Collection(DefaultRealmGatewayCollection.Name)]
public sealed class RealmHttpTests(DefaultRealmGateway gateway)
{
    private const string App = $"/api/client/v2.0/app/{RealmGateway.AppId}";

    [Fact]
    public async Task Location_names_this_gateway_without_a_trailing_slash()
    {
        using var http = gateway.NewHttpClient();
        var response = await http.GetAsync($"{App}/location");
        var body = await gateway.JsonOf(response, HttpStatusCode.OK);
        var hostname = gateway.BaseAddress.ToString().TrimEnd('/');
        Assert.Equal(hostname, body.GetProperty("hostname").GetString());
        Assert.Equal("ws" + hostname["http".Length..], body.GetProperty("ws_hostname").GetString());
        Assert.NotNull(body.GetProperty("deployment_model").GetString());
        Assert.NotNull(body.GetProperty("location").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/client/v2.0/app/another-app/location")]
    [InlineData("POST", "/api/client/v2.0/app/another-app/auth/providers/anon-user/login")]
    [InlineData("POST", "/api/client/v2.0/app/another-app/auth/providers/local-userpass/register")]
    [InlineData("GET", "/api/client/v2.0/no/such/route")]
    public async Task Another_app_id_or_an_unknown_path_is_404_in_realm_json(string method, string path)
    {
        using var http = gateway.NewHttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { email = "x@example.com", password = "password-1" });
        }

        var error = await gateway.JsonOf(await http.SendAsync(request), HttpStatusCode.NotFound);
        Assert.Equal("NotFound", error.GetProperty("error_code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
        Assert.Equal(JsonValueKind.String, error.GetProperty("link").ValueKind);
    }

    [Fact]
    public async Task Errors_carry_realm_codes_a_client_acts_on()
    {
        using var http = gateway.NewHttpClient();
        var (email, password) = NewAccount();
        Assert.Equal(HttpStatusCode.Created, (await Register(http, email, password)).StatusCode);
        var again = await gateway.JsonOf(await Register(http, email, password), HttpStatusCode.Conflict);
        Assert.Equal("AccountNameInUse", again.GetProperty("error_code").GetString());

        var wrong = await gateway.JsonOf(await LogIn(http, "local-userpass", new { username = email, password = "wrong-password" }), HttpStatusCode.Unauthorized);
        Assert.Equal("InvalidPassword", wrong.GetProperty("error_code").GetString());

        using var profile = new HttpRequestMessage(HttpMethod.Get, "/api/client/v2.0/auth/profile");
        profile.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        Assert.Equal("InvalidSession", (await gateway.JsonOf(await http.SendAsync(profile), HttpStatusCode.Unauthorized)).GetProperty("error_code").GetString());

        using var refresh = new HttpRequestMessage(HttpMethod.Post, "/api/client/v2.0/auth/session");
        refresh.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-refresh-token");
        var refused = await gateway.JsonOf(await http.SendAsync(refresh), HttpStatusCode.Unauthorized);
        Assert.Equal("InvalidSession", refused.GetProperty("error_code").GetString());
        Assert.Equal("failed to find refresh token", refused.GetProperty("error").GetString());

        var badToken = await gateway.JsonOf(
            await http.PostAsJsonAsync($"{App}/auth/providers/local-userpass/confirm", new { token = "nope", tokenId = "nope" }),
            HttpStatusCode.BadRequest);
        Assert.Equal("UserpassTokenInvalid", badToken.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task A_disabled_user_gets_UserDisabled()
    {
        using var http = gateway.NewHttpClient();
        var (email, password) = NewAccount();
        await Register(http, email, password);
        var login = await gateway.JsonOf(await LogIn(http, "local-userpass", new { username = email, password }), HttpStatusCode.OK);
        using var admin = gateway.NewAdminClient();
        (await admin.PostAsync($"/v1/admin/users/{login.GetProperty("user_id").GetString()}/disable", null)).EnsureSuccessStatusCode();

        var refused = await gateway.JsonOf(await LogIn(http, "local-userpass", new { username = email, password }), HttpStatusCode.Unauthorized);
        Assert.Equal("UserDisabled", refused.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task Register_is_201_without_a_body_and_answers_with_a_body_are_json()
    {
        using var http = gateway.NewHttpClient();
        var (email, password) = NewAccount();
        var registered = await Register(http, email, password);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Empty(await registered.Content.ReadAsByteArrayAsync());
        Assert.Null(registered.Content.Headers.ContentType);

        var login = await LogIn(http, "local-userpass", new { username = email, password });
        Assert.Equal("application/json", login.Content.Headers.ContentType?.MediaType);
        var tokens = await gateway.JsonOf(login, HttpStatusCode.OK);
        using var profile = new HttpRequestMessage(HttpMethod.Get, "/api/client/v2.0/auth/profile");
        profile.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        var answer = await http.SendAsync(profile);
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
        var body = await gateway.JsonOf(answer, HttpStatusCode.OK);
        Assert.Equal(tokens.GetProperty("user_id").GetString(), body.GetProperty("user_id").GetString());
        Assert.Equal("normal", body.GetProperty("type").GetString());
        Assert.Equal(email, body.GetProperty("data").GetProperty("email").GetString());
        var identity = Assert.Single(body.GetProperty("identities").EnumerateArray());
        Assert.Equal("local-userpass", identity.GetProperty("provider_type").GetString());
    }

    [Fact]
    public async Task Cors_headers_are_on_successes_errors_and_preflights_for_allowed_origins_only()
    {
        using var http = gateway.NewHttpClient();
        using var success = new HttpRequestMessage(HttpMethod.Get, $"{App}/location");
        success.Headers.Add("Origin", RealmGateway.AllowedOrigin);
        var ok = await http.SendAsync(success);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(RealmGateway.AllowedOrigin, Assert.Single(ok.Headers.GetValues("Access-Control-Allow-Origin")));

        using var error = new HttpRequestMessage(HttpMethod.Post, $"{App}/auth/providers/local-userpass/login")
        {
            Content = JsonContent.Create(new { username = "nobody@example.com", password = "wrong-password" }),
        };
        error.Headers.Add("Origin", RealmGateway.AllowedOrigin);
        var refused = await http.SendAsync(error);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(RealmGateway.AllowedOrigin, Assert.Single(refused.Headers.GetValues("Access-Control-Allow-Origin")));

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/client/v2.0/auth/profile");
        preflight.Headers.Add("Origin", RealmGateway.AllowedOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
        var allowed = await http.SendAsync(preflight);
        Assert.True(allowed.IsSuccessStatusCode, $"preflight: {allowed.StatusCode}");
        Assert.Equal(RealmGateway.AllowedOrigin, Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("authorization", string.Join(",", allowed.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);

        using var stranger = new HttpRequestMessage(HttpMethod.Get, $"{App}/location");
        stranger.Headers.Add("Origin", "https://evil.example.test");
        Assert.False((await http.SendAsync(stranger)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_client_keeps_its_device_and_a_device_id_it_was_not_given_gets_a_new_one()
    {
        using var http = gateway.NewHttpClient();
        var first = await gateway.JsonOf(await LogIn(http, "anon-user", new { options = new { device = new { platform = "test" } } }), HttpStatusCode.OK);
        var deviceId = first.GetProperty("device_id").GetString()!;
        Assert.Matches("^[0-9a-f]{24}$", deviceId);

        var (email, password) = NewAccount();
        await Register(http, email, password);
        var second = await gateway.JsonOf(
            await LogIn(http, "local-userpass", new { username = email, password, options = new { device = new { deviceId = new Dictionary<string, string> { ["$oid"] = deviceId } } } }),
            HttpStatusCode.OK);
        Assert.Equal(deviceId, second.GetProperty("device_id").GetString());

        using var admin = gateway.NewAdminClient();
        var device = await gateway.JsonOf(await admin.GetAsync($"/v1/admin/devices/{deviceId}"), HttpStatusCode.OK);
        Assert.Equal(second.GetProperty("user_id").GetString(), device.GetProperty("activeUserId").GetString());
        Assert.Equal(2, device.GetProperty("users").GetArrayLength());

        // An id this service never gave a Realm client (a /v1 device's, or made up) names no device it may log in on.
        var v1Device = await gateway.JsonOf(await http.PostAsync("/v1/devices", null), HttpStatusCode.Created);
        gateway.NoteSecret(v1Device.GetProperty("deviceToken").GetString()!);
        foreach (var foreign in new[] { v1Device.GetProperty("deviceId").GetString()!, "0123456789abcdef01234567" })
        {
            var other = await gateway.JsonOf(
                await LogIn(http, "anon-user", new { options = new { device = new { deviceId = new Dictionary<string, string> { ["$oid"] = foreign } } } }),
                HttpStatusCode.OK);
            Assert.NotEqual(foreign, other.GetProperty("device_id").GetString());
            Assert.NotEqual(first.GetProperty("user_id").GetString(), other.GetProperty("user_id").GetString());
        }

        // The Realm device id is no device token on the /v1 device routes. (Sent by a client that does not take it for a
        // secret: it is a grain key, which Orleans's own trace lines name.)
        using var plain = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var list = new HttpRequestMessage(HttpMethod.Get, $"/v1/devices/{deviceId}/users");
        list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", deviceId);
        Assert.Equal(HttpStatusCode.Unauthorized, (await plain.SendAsync(list)).StatusCode);
    }

    [Fact]
    public async Task Access_tokens_carry_the_claims_realm_web_reads()
    {
        using var http = gateway.NewHttpClient();
        var login = await gateway.JsonOf(await LogIn(http, "anon-user", new { }), HttpStatusCode.OK);
        using var admin = gateway.NewAdminClient();
        var userId = login.GetProperty("user_id").GetString()!;
        (await admin.PutAsJsonAsync($"/v1/admin/users/{userId}/custom-data", new { plan = "gold" })).EnsureSuccessStatusCode();

        using var refresh = new HttpRequestMessage(HttpMethod.Post, "/api/client/v2.0/auth/session");
        refresh.Headers.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("refresh_token").GetString());
        var refreshed = await gateway.JsonOf(await http.SendAsync(refresh), HttpStatusCode.OK);
        Assert.False(refreshed.TryGetProperty("refresh_token", out _));

        var claims = Payload(refreshed.GetProperty("access_token").GetString()!);
        Assert.Equal(userId, claims.GetProperty("sub").GetString());
        Assert.Equal(login.GetProperty("device_id").GetString(), claims.GetProperty("baas_device_id").GetString());
        Assert.Equal("gold", claims.GetProperty("user_data").GetProperty("plan").GetString());
        Assert.True(claims.GetProperty("exp").GetInt64() > claims.GetProperty("iat").GetInt64());
    }

    private static (string Email, string Password) NewAccount() => ($"realm-{Guid.NewGuid():N}@example.com", $"pw-{Guid.NewGuid():N}");

    private Task<HttpResponseMessage> Register(HttpClient http, string email, string password)
    {
        gateway.NoteSecret(password);
        return http.PostAsJsonAsync($"{App}/auth/providers/local-userpass/register", new { email, password });
    }

    private static Task<HttpResponseMessage> LogIn(HttpClient http, string provider, object body) =>
        http.PostAsJsonAsync($"{App}/auth/providers/{provider}/login", body);

    private static JsonElement Payload(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var bytes = Convert.FromBase64String(part.PadRight(part.Length + (4 - part.Length % 4) % 4, '='));
        return JsonDocument.Parse(Encoding.UTF8.GetString(bytes)).RootElement.Clone();
    }
}
