using System.Net;
using System.Text.Json;

namespace OrleansSessions.Gateway.Tests;

/// <summary>What operators and other services use: health, the OpenAPI document, the JWKS without auth.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class ServiceTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_200(string path)
    {
        var response = await _api.Send(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_API()
    {
        var document = await Api.Json(await _api.Send(HttpMethod.Get, "/openapi/v1.json"));
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[]
                 {
                     "/v1/devices", "/v1/devices/{deviceId}/login", "/v1/devices/{deviceId}/users", "/v1/devices/{deviceId}/active-user",
                     "/v1/auth/providers/local-userpass/register", "/v1/auth/session", "/v1/auth/profile", "/v1/auth/sessions",
                     "/v1/admin/users/{userId}", "/v1/auth/introspect", "/.well-known/jwks.json",
                 })
        {
            Assert.Contains(path, paths);
        }

        // Each operation lists its problem codes with their statuses.
        var switching = document.GetProperty("paths").GetProperty("/v1/devices/{deviceId}/active-user").GetProperty("put");
        Assert.Contains("`reauthentication-required` (403)", switching.GetProperty("description").GetString());
        Assert.True(switching.GetProperty("responses").TryGetProperty("409", out _));
        var confirm = document.GetProperty("paths").GetProperty("/v1/auth/providers/local-userpass/confirm").GetProperty("post");
        Assert.Contains("`invalid-token` (400)", confirm.GetProperty("description").GetString());
        Assert.Contains("/v1/admin/users/{userId}/revoke-sessions", paths);
    }

    [Fact]
    public async Task The_API_reference_is_served_as_a_web_page()
    {
        var docs = await _api.Send(HttpMethod.Get, "/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Equal("text/html", docs.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_JWKS_needs_no_credentials()
    {
        var jwks = await Api.Json(await _api.Send(HttpMethod.Get, "/.well-known/jwks.json"));
        Assert.NotEmpty(jwks.GetProperty("keys").EnumerateArray());
        Assert.All(jwks.GetProperty("keys").EnumerateArray(), key => Assert.Equal(JsonValueKind.String, key.GetProperty("kid").ValueKind));
    }
}
