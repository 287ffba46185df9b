using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansSessions.Http.Tests;

/// <summary>
/// The HTTP calls the tests make, kept short: each returns the response; <c>Json</c> reads a body. Every token
/// and password that passes through is noted as a secret that must never be logged.
/// </summary>
public sealed class Api(HttpClient http, GatewayFixture gateway) : IDisposable
{
    public sealed record Device(string Id, string Token);

    public sealed record Login(string UserId, string DeviceId, string AccessToken, string RefreshToken);

    public HttpClient Http => http;

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    public string NewPassword() => Secret($"pw-{Guid.NewGuid():N}");

    public string Secret(string value)
    {
        gateway.Secrets.Add(value);
        return value;
    }

    public async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? bearer = null, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            request.Content = body is HttpContent content ? content : JsonContent.Create(body);
        }

        return await http.SendAsync(request);
    }

    public static async Task<JsonNode> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    /// <summary>The problem's <c>code</c>, after checking the status and the problem content type.</summary>
    public static async Task<string?> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json(response);
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.NotNull(problem["title"]);
        Assert.NotNull(problem["type"]);
        return (string?)problem["code"];
    }

    public async Task<Device> RegisterDevice(string? name = null)
    {
        var response = await Send(HttpMethod.Post, "/v1/devices", body: name is null ? null : new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await Json(response);
        return new Device((string)json["deviceId"]!, Secret((string)json["deviceToken"]!));
    }

    public async Task<(string UserId, string Email, string Password)> RegisterUser(string? email = null)
    {
        email ??= NewEmail();
        var password = NewPassword();
        var response = await Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/register", body: new { email, password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((string)(await Json(response))["userId"]!, email, password);
    }

    public Task<HttpResponseMessage> TryLogIn(Device device, object credentials) =>
        Send(HttpMethod.Post, $"/v1/devices/{device.Id}/login", device.Token, credentials);

    public async Task<Login> LogIn(Device device, object credentials)
    {
        var response = await TryLogIn(device, credentials);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await Json(response);
        return new Login(
            (string)json["userId"]!, (string)json["deviceId"]!,
            Secret((string)json["accessToken"]!), Secret((string)json["refreshToken"]!));
    }

    public static object Password(string email, string password) => new { provider = "local-userpass", email, password };

    public static object Anonymous() => new { provider = "anon-user" };

    /// <summary>A new email/password user, logged in on the device.</summary>
    public async Task<Login> NewUserOn(Device device)
    {
        var (_, email, password) = await RegisterUser();
        return await LogIn(device, Password(email, password));
    }

    public async Task<JsonNode> Users(Device device)
    {
        var response = await Send(HttpMethod.Get, $"/v1/devices/{device.Id}/users", device.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json(response);
    }

    public async Task<string?> StateOf(Device device, string userId) =>
        (string?)(await Users(device))["users"]!.AsArray().SingleOrDefault(u => (string)u!["userId"]! == userId)?["state"];

    public async Task<string?> ActiveUserOf(Device device) => (string?)(await Users(device))["activeUserId"];

    public Task<HttpResponseMessage> Profile(string accessToken) => Send(HttpMethod.Get, "/v1/auth/profile", accessToken);

    public Task<HttpResponseMessage> Admin(HttpMethod method, string path, object? body = null) =>
        Send(method, path, GatewayFixture.AdminKey, body);

    public static StringContent Raw(string body, string mediaType = "application/json") => new(body, System.Text.Encoding.UTF8, mediaType);

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    public void Dispose() => http.Dispose();
}
