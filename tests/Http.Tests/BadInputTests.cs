using System.Net;
using System.Text.Json.Nodes;

namespace OrleansSessions.Http.Tests;

/// <summary>Malformed, oversized and mistyped requests: each a clear problem that changes nothing.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class BadInputTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.Api();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Malformed_JSON_missing_fields_and_unknown_providers_are_validation_failures()
    {
        var device = await _api.RegisterDevice();
        var login = $"/v1/devices/{device.Id}/login";
        var (_, email, password) = await _api.RegisterUser();

        foreach (var body in new HttpContent[]
        {
            Api.Raw("{not json"),
            Api.Raw("\"a string\""),
            Api.Raw("{}"),
            Api.Raw("""{"provider":"facebook"}"""),
            Api.Raw("""{"provider":"local-userpass","email":"a@example.com"}"""),
            Api.Raw($$"""{"provider":"local-userpass","password":"{{password}}"}"""),
            Api.Raw("""{"provider":"custom-token","token":"x"}"""),
            Api.Raw("""{"provider":42}"""),
        })
        {
            Assert.Equal("validation-failed", await Api.Problem(await _api.Send(HttpMethod.Post, login, device.Token, body), HttpStatusCode.BadRequest));
        }

        Assert.Equal("validation-failed", await Api.Problem(await _api.Send(HttpMethod.Post, login, device.Token), HttpStatusCode.BadRequest));
        Assert.Equal("validation-failed", await Api.Problem(
            await _api.Send(HttpMethod.Put, $"/v1/devices/{device.Id}/active-user", device.Token, new { }), HttpStatusCode.BadRequest));
        Assert.Empty((await _api.Users(device))["users"]!.AsArray());
        await _api.LogIn(device, Api.Password(email, password));
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_too_large_and_changes_nothing()
    {
        var device = await _api.RegisterDevice();
        var email = Api.NewEmail();
        var huge = new JsonObject { ["email"] = email, ["password"] = new string('p', 70 * 1024) };

        var register = await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/register", body: huge);
        var login = await _api.Send(HttpMethod.Post, $"/v1/devices/{device.Id}/login", device.Token,
            new JsonObject { ["provider"] = "anon-user", ["padding"] = new string('x', 65 * 1024) });

        Assert.Equal("payload-too-large", await Api.Problem(register, HttpStatusCode.RequestEntityTooLarge));
        Assert.Equal("payload-too-large", await Api.Problem(login, HttpStatusCode.RequestEntityTooLarge));
        Assert.Equal("user-not-found", await Api.Problem(await _api.Admin(HttpMethod.Get, $"/v1/admin/users?email={email}"), HttpStatusCode.NotFound));
        Assert.Empty((await _api.Users(device))["users"]!.AsArray());
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_an_unsupported_media_type()
    {
        var device = await _api.RegisterDevice();

        var form = await _api.Send(HttpMethod.Post, $"/v1/devices/{device.Id}/login", device.Token,
            new FormUrlEncodedContent([new("provider", "anon-user")]));
        var text = await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/register",
            body: Api.Raw("""{"email":"a@example.com","password":"secret123"}""", "text/plain"));

        Assert.Equal("unsupported-media-type", await Api.Problem(form, HttpStatusCode.UnsupportedMediaType));
        Assert.Equal("unsupported-media-type", await Api.Problem(text, HttpStatusCode.UnsupportedMediaType));
        Assert.Empty((await _api.Users(device))["users"]!.AsArray());
    }

    [Fact]
    public async Task Registration_input_is_checked()
    {
        var email = Api.NewEmail();
        async Task<string?> Register(object body) =>
            await Api.Problem(await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/register", body: body), HttpStatusCode.BadRequest);

        Assert.Equal("invalid-email", await Register(new { email = "not-an-email", password = "secret123" }));
        Assert.Equal("invalid-email", await Register(new { password = "secret123" }));
        Assert.Equal("invalid-password", await Register(new { email, password = "12345" }));
        Assert.Equal("invalid-password", await Register(new { email, password = new string('p', 129) }));
        Assert.Equal("invalid-password", await Register(new { email }));

        var (userId, _, _) = await _api.RegisterUser(email.ToUpperInvariant());
        var profile = await Api.Json(await _api.Admin(HttpMethod.Get, $"/v1/admin/users/{userId}"));
        Assert.Equal(email, (string)profile["email"]!);
        var taken = await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/register", body: new { email, password = new string('p', 6) });
        Assert.Equal("account-name-in-use", await Api.Problem(taken, HttpStatusCode.Conflict));
        var longest = await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/register",
            body: new { email = Api.NewEmail(), password = _api.Secret(new string('q', 128)) });
        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
    }

    [Fact]
    public async Task Unknown_routes_and_methods_are_problems_too()
    {
        Assert.Equal("not-found", await Api.Problem(await _api.Send(HttpMethod.Get, "/v1/nothing-here"), HttpStatusCode.NotFound));
        Assert.Equal("method-not-allowed", await Api.Problem(await _api.Send(HttpMethod.Get, "/v1/auth/session"), HttpStatusCode.MethodNotAllowed));
    }

    [Fact]
    public async Task The_service_describes_itself_and_reports_its_health()
    {
        var openApi = await Api.Json(await _api.Send(HttpMethod.Get, "/openapi/v1.json"));
        Assert.NotNull(openApi["paths"]!["/v1/devices/{deviceId}/login"]);
        Assert.NotNull(openApi["paths"]!["/v1/admin/users/{userId}/revoke-sessions"]);
        var switching = openApi["paths"]!["/v1/devices/{deviceId}/active-user"]!["put"]!;
        Assert.Contains("`reauthentication-required` (403)", (string)switching["description"]!);
        Assert.NotNull(switching["responses"]!["409"]);
        var confirm = openApi["paths"]!["/v1/auth/providers/local-userpass/confirm"]!["post"]!;
        Assert.Contains("`invalid-token` (400)", (string)confirm["description"]!);
        var docs = await _api.Send(HttpMethod.Get, "/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Equal("text/html", docs.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await _api.Send(HttpMethod.Get, "/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.Send(HttpMethod.Get, "/health/ready")).StatusCode);
    }
}
