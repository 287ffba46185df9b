using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OrleansSessions.Gateway.Tests;

/// <summary>
/// The HTTP calls and checks the tests share: raw calls return the response; the helpers that set something up
/// (a device, an account, a login) check that it worked and return what the tests need next. Its client comes from
/// <see cref="GatewayHost.NewHttpClient"/>, which notes every secret that passes through.
/// </summary>
public sealed class Api(HttpClient http) : IDisposable
{
    public sealed record Device(string Id, string Token);

    public sealed record Account(string UserId, string Email, string Password);

    public sealed record Login(string UserId, string DeviceId, string AccessToken, string RefreshToken);

    public HttpClient Http => http;

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    public static string NewPassword() => $"pw-{Guid.NewGuid():N}";

    // ---- raw calls ----

    /// <summary>Sends a request; <paramref name="body"/> is sent as JSON unless it is <see cref="HttpContent"/> already.</summary>
    public async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? bearer = null, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {bearer}");
        }

        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body);
        }

        return await http.SendAsync(request);
    }

    public static StringContent Raw(string text, string mediaType = "application/json") => new(text, Encoding.UTF8, mediaType);

    public static object Password(string email, string password) => new { provider = "local-userpass", email, password };

    public static object Password(Account account) => Password(account.Email, account.Password);

    public static readonly object Anonymous = new { provider = "anon-user" };

    public Task<HttpResponseMessage> TryRegisterDevice(object? body = null) => Send(HttpMethod.Post, "/v1/devices", body: body);

    public Task<HttpResponseMessage> TryRegister(string email, string password) =>
        Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/register", body: new { email, password });

    public Task<HttpResponseMessage> Confirm(string token) =>
        Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/confirm", body: new { token });

    public Task<HttpResponseMessage> SendConfirmation(string email) =>
        Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/confirm/send", body: new { email });

    public Task<HttpResponseMessage> SendPasswordReset(string email) =>
        Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/reset/send", body: new { email });

    public Task<HttpResponseMessage> ResetPassword(string token, string password) =>
        Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/reset", body: new { token, password });

    public Task<HttpResponseMessage> ChangePassword(string accessToken, string currentPassword, string newPassword) =>
        Send(HttpMethod.Post, "/v1/auth/password", accessToken, new { currentPassword, newPassword });

    public Task<HttpResponseMessage> TryLogIn(Device device, object credentials) =>
        Send(HttpMethod.Post, $"/v1/devices/{device.Id}/login", device.Token, credentials);

    public Task<HttpResponseMessage> ListUsers(Device device, string? token = null) =>
        Send(HttpMethod.Get, $"/v1/devices/{device.Id}/users", token ?? device.Token);

    public Task<HttpResponseMessage> GetActiveUser(Device device, string? token = null) =>
        Send(HttpMethod.Get, $"/v1/devices/{device.Id}/active-user", token ?? device.Token);

    public Task<HttpResponseMessage> Switch(Device device, string userId, string? token = null) =>
        Send(HttpMethod.Put, $"/v1/devices/{device.Id}/active-user", token ?? device.Token, new { userId });

    public Task<HttpResponseMessage> LogOut(Device device, string userId, string? token = null) =>
        Send(HttpMethod.Post, $"/v1/devices/{device.Id}/users/{userId}/logout", token ?? device.Token);

    public Task<HttpResponseMessage> Remove(Device device, string userId, string? token = null) =>
        Send(HttpMethod.Delete, $"/v1/devices/{device.Id}/users/{userId}", token ?? device.Token);

    public Task<HttpResponseMessage> Profile(string accessToken) => Send(HttpMethod.Get, "/v1/auth/profile", accessToken);

    public Task<HttpResponseMessage> Sessions(string accessToken) => Send(HttpMethod.Get, "/v1/auth/sessions", accessToken);

    public Task<HttpResponseMessage> Refresh(string refreshToken) => Send(HttpMethod.Post, "/v1/auth/session", refreshToken);

    public Task<HttpResponseMessage> EndSessionWithRefreshToken(string refreshToken) =>
        Send(HttpMethod.Delete, "/v1/auth/session", refreshToken);

    public Task<HttpResponseMessage> Link(string accessToken, object credentials) =>
        Send(HttpMethod.Post, "/v1/auth/identities", accessToken, credentials);

    public Task<HttpResponseMessage> Admin(HttpMethod method, string path, object? body = null) =>
        Send(method, path, GatewayHost.AdminKey, body);

    public Task<HttpResponseMessage> AdminUser(string userId) => Admin(HttpMethod.Get, $"/v1/admin/users/{userId}");

    public Task<HttpResponseMessage> Introspect(string token, string? adminKey = GatewayHost.AdminKey) =>
        Send(HttpMethod.Post, "/v1/auth/introspect", adminKey, new { token });

    // ---- set-ups that must work ----

    public async Task<Device> NewDevice(string? name = null)
    {
        var json = await Json(await TryRegisterDevice(name is null ? null : new { name }), HttpStatusCode.Created);
        return new Device(json.GetProperty("deviceId").GetString()!, json.GetProperty("deviceToken").GetString()!);
    }

    public async Task<Account> Register(string? email = null, string? password = null)
    {
        email ??= NewEmail();
        password ??= NewPassword();
        var json = await Json(await TryRegister(email, password), HttpStatusCode.Created);
        return new Account(json.GetProperty("userId").GetString()!, email, password);
    }

    public async Task<Login> LogIn(Device device, object credentials)
    {
        var json = await Json(await TryLogIn(device, credentials));
        return new Login(
            json.GetProperty("userId").GetString()!,
            json.GetProperty("deviceId").GetString()!,
            json.GetProperty("accessToken").GetString()!,
            json.GetProperty("refreshToken").GetString()!);
    }

    public Task<Login> LogIn(Device device, Account account) => LogIn(device, Password(account));

    /// <summary>A new account on a gateway that requires email confirmation: it is pending.</summary>
    public async Task<Account> RegisterPending()
    {
        var email = NewEmail();
        var password = NewPassword();
        var registered = await Json(await TryRegister(email, password), HttpStatusCode.Created);
        Fields(registered, "userId", "status");
        Assert.Equal("pending", registered.GetProperty("status").GetString());
        return new Account(registered.GetProperty("userId").GetString()!, email, password);
    }

    /// <summary>A new account on a gateway that requires email confirmation, confirmed by an admin.</summary>
    public async Task<Account> RegisterConfirmed()
    {
        var account = await RegisterPending();
        await NoContent(await Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/confirm"));
        return account;
    }

    /// <summary>A new email/password account, logged in on <paramref name="device"/>.</summary>
    public async Task<(Account Account, Login Login)> NewUser(Device device)
    {
        var account = await Register();
        return (account, await LogIn(device, account));
    }

    public async Task<JsonElement> Users(Device device) => await Json(await ListUsers(device));

    public async Task<string?> ActiveUserId(Device device)
    {
        var active = (await Users(device)).GetProperty("activeUserId");
        return active.ValueKind == JsonValueKind.Null ? null : active.GetString();
    }

    public async Task<string[]> UserIds(Device device) =>
        [.. (await Users(device)).GetProperty("users").EnumerateArray().Select(u => u.GetProperty("userId").GetString()!)];

    /// <summary>The user's state on the device, or null when the device does not list it.</summary>
    public async Task<string?> StateOf(Device device, string userId) =>
        (await Users(device)).GetProperty("users").EnumerateArray()
            .Where(u => u.GetProperty("userId").GetString() == userId)
            .Select(u => u.GetProperty("state").GetString())
            .SingleOrDefault();

    public async Task<JsonElement> ProfileOf(string accessToken) => await Json(await Profile(accessToken));

    public async Task<JsonElement> AdminViewOf(string userId) => await Json(await AdminUser(userId));

    // ---- checks ----

    /// <summary>The response's JSON body, after checking its status and that it is <c>application/json</c>.</summary>
    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Checks a 204 with no body.</summary>
    public static async Task NoContent(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"Expected 204, got {(int)response.StatusCode}: {text}");
        Assert.Empty(text);
    }

    /// <summary>Checks an RFC 9457 problem: status, <c>application/problem+json</c>, its fields, and its <c>code</c>.</summary>
    public static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        var problem = document.RootElement.Clone();
        Assert.True(problem.TryGetProperty("code", out var given) && given.GetString() == code, $"Expected code {code}: {text}");
        Assert.True(problem.TryGetProperty("status", out var number) && number.GetInt32() == (int)status, text);
        foreach (var field in new[] { "type", "title", "detail" })
        {
            Assert.True(problem.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String, $"No {field}: {text}");
        }

        return problem;
    }

    /// <summary>Checks that <paramref name="json"/> is an object with exactly these properties.</summary>
    public static void Fields(JsonElement json, params string[] names)
    {
        Assert.Equal(JsonValueKind.Object, json.ValueKind);
        Assert.Equal(names.Order(StringComparer.Ordinal), json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>An ISO 8601 timestamp in UTC.</summary>
    public static DateTimeOffset Utc(JsonElement json)
    {
        var text = json.GetString()!;
        var time = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(time.Offset == TimeSpan.Zero && (text.EndsWith('Z') || text.EndsWith("+00:00", StringComparison.Ordinal)), text);
        return time;
    }

    public void Dispose() => http.Dispose();
}
