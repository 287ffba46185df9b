using System.Net;
using System.Text.Json;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>Malformed, oversized and mistyped requests: each gets a problem response and changes nothing.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class BadInputTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    private static string Oversized => "{\"name\":\"" + new string('x', 65 * 1024) + "\"}";

    [Fact]
    public async Task Malformed_JSON_is_refused_everywhere()
    {
        var device = await _api.NewDevice();
        var (account, login) = await _api.NewUser(device);
        var before = (await _api.Users(device)).GetRawText();

        foreach (var body in new[] { "{", "{\"provider\":", "not json", "[]", "\"local-userpass\"", "{\"email\": 5, \"userId\": 5, \"token\": 5}" })
        {
            await Problem(await _api.TryLogIn(device, Raw(body)), HttpStatusCode.BadRequest, "validation-failed");
            await Problem(await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/register", body: Raw(body)),
                HttpStatusCode.BadRequest, "validation-failed");
            await Problem(await _api.Send(HttpMethod.Put, $"/v1/devices/{device.Id}/active-user", device.Token, Raw(body)),
                HttpStatusCode.BadRequest, "validation-failed");
            await Problem(await _api.Link(login.AccessToken, Raw(body)), HttpStatusCode.BadRequest, "validation-failed");
            await Problem(await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/confirm", body: Raw(body)),
                HttpStatusCode.BadRequest, "validation-failed");
        }

        await Problem(await _api.TryLogIn(device, Raw("{\"provider\": 5}")), HttpStatusCode.BadRequest, "validation-failed");
        await Problem(await _api.TryRegisterDevice(Raw("{")), HttpStatusCode.BadRequest, "validation-failed");
        await Problem(await _api.TryRegisterDevice(Raw("{\"name\": 5}")), HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal(before, (await _api.Users(device)).GetRawText());
        Assert.Equal(account.UserId, (await _api.ProfileOf(login.AccessToken)).GetProperty("userId").GetString());
    }

    [Fact]
    public async Task Missing_fields_and_unknown_providers_are_refused()
    {
        var device = await _api.NewDevice();
        var (account, _) = await _api.NewUser(device);
        var before = (await _api.Users(device)).GetRawText();

        object[] refused =
        [
            new { },
            new { email = account.Email, password = account.Password },
            new { provider = "" },
            new { provider = "facebook", email = account.Email, password = account.Password },
            new { provider = "LOCAL-USERPASS", email = account.Email, password = account.Password },
            new { provider = "local-userpass", email = account.Email },
            new { provider = "local-userpass", password = account.Password },
            new { provider = "custom-token" },
            new { provider = "custom-token", token = "header.payload.signature" },
        ];
        foreach (var credentials in refused)
        {
            await Problem(await _api.TryLogIn(device, credentials), HttpStatusCode.BadRequest, "validation-failed");
        }

        await Problem(await _api.Send(HttpMethod.Post, $"/v1/devices/{device.Id}/login", device.Token), HttpStatusCode.BadRequest, "validation-failed");
        await Problem(await _api.Send(HttpMethod.Put, $"/v1/devices/{device.Id}/active-user", device.Token, new { }),
            HttpStatusCode.BadRequest, "validation-failed");
        await Problem(await _api.Send(HttpMethod.Put, $"/v1/devices/{device.Id}/active-user", device.Token),
            HttpStatusCode.BadRequest, "validation-failed");
        await Problem(await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/confirm", body: new { }),
            HttpStatusCode.BadRequest, "invalid-token");
        Assert.Equal(before, (await _api.Users(device)).GetRawText());
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_refused_as_too_large()
    {
        var device = await _api.NewDevice();
        var (account, login) = await _api.NewUser(device);
        var before = (await _api.Users(device)).GetRawText();
        var big = Oversized;

        await Problem(await _api.TryRegisterDevice(Raw(big)), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        await Problem(await _api.TryLogIn(device, Raw(big)), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        await Problem(await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/register", body: Raw(big)),
            HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        await Problem(await _api.Send(HttpMethod.Put, $"/v1/devices/{device.Id}/active-user", device.Token, Raw(big)),
            HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        await Problem(await _api.Link(login.AccessToken, Raw(big)), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        await Problem(await _api.Admin(HttpMethod.Put, $"/v1/admin/users/{account.UserId}/custom-data", Raw(big)),
            HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        await Problem(await _api.Admin(HttpMethod.Post, "/v1/auth/introspect", Raw(big)), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");

        // Large credentials that still fit are read, and refused for what they are.
        var password = new string('p', 60 * 1024);
        await Problem(await _api.TryLogIn(device, Password(account.Email, password)), HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Equal(before, (await _api.Users(device)).GetRawText());
        Assert.Empty((await _api.ProfileOf(login.AccessToken)).GetProperty("customData").EnumerateObject());
    }

    [Fact]
    public async Task A_streamed_body_over_64_KiB_without_a_length_is_refused_as_too_large()
    {
        var device = await _api.NewDevice();
        var before = (await _api.Users(device)).GetRawText();

        await Problem(await _api.TryLogIn(device, new UnsizedContent(Oversized)), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");

        Assert.Equal(before, (await _api.Users(device)).GetRawText());
        var small = new UnsizedContent("{\"provider\":\"anon-user\"}");
        await Json(await _api.TryLogIn(device, small));
    }

    [Fact]
    public async Task Deeply_nested_or_badly_encoded_JSON_is_refused()
    {
        var device = await _api.NewDevice();
        var nested = "{\"provider\":" + new string('[', 2000) + new string(']', 2000) + "}";
        await Problem(await _api.TryLogIn(device, Raw(nested)), HttpStatusCode.BadRequest, "validation-failed");

        var badUtf8 = new ByteArrayContent([.. "{\"provider\":\""u8.ToArray(), 0xC3, 0x28, .. "\"}"u8.ToArray()]);
        badUtf8.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        await Problem(await _api.TryLogIn(device, badUtf8), HttpStatusCode.BadRequest, "validation-failed");
        Assert.Empty(await _api.UserIds(device));
    }

    [Fact]
    public async Task A_device_registers_with_an_empty_or_nameless_JSON_body()
    {
        foreach (var body in new HttpContent[] { Raw(""), Raw("{}"), Raw("{\"name\":null}") })
        {
            var device = await Json(await _api.TryRegisterDevice(body), HttpStatusCode.Created);
            var details = await Json(await _api.Admin(HttpMethod.Get, $"/v1/admin/devices/{device.GetProperty("deviceId").GetString()}"));
            Assert.Equal(JsonValueKind.Null, details.GetProperty("name").ValueKind);
        }
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_refused_as_an_unsupported_media_type()
    {
        var device = await _api.NewDevice();
        var (account, login) = await _api.NewUser(device);
        var credentials = JsonSerializer.Serialize(new { provider = "local-userpass", email = account.Email, password = account.Password });
        var before = (await _api.Users(device)).GetRawText();

        foreach (var mediaType in new[] { "text/plain", "application/x-www-form-urlencoded", "application/xml" })
        {
            await Problem(await _api.TryLogIn(device, Raw(credentials, mediaType)), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
            await Problem(await _api.Send(HttpMethod.Post, "/v1/auth/providers/local-userpass/register",
                body: Raw(JsonSerializer.Serialize(new { email = NewEmail(), password = NewPassword() }), mediaType)),
                HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
            await Problem(await _api.Send(HttpMethod.Put, $"/v1/devices/{device.Id}/active-user", device.Token,
                Raw(JsonSerializer.Serialize(new { userId = account.UserId }), mediaType)),
                HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
            await Problem(await _api.Link(login.AccessToken, Raw(credentials, mediaType)), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
            await Problem(await _api.Admin(HttpMethod.Post, "/v1/auth/introspect", Raw("{\"token\":\"x\"}", mediaType)),
                HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
            await Problem(await _api.TryRegisterDevice(Raw("{\"name\":\"x\"}", mediaType)), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        }

        Assert.Equal(before, (await _api.Users(device)).GetRawText());
        await Json(await _api.Profile(login.AccessToken));
    }

    [Fact]
    public async Task JSON_with_a_charset_is_accepted()
    {
        var device = await _api.NewDevice();
        var account = await _api.Register();
        var body = Raw(JsonSerializer.Serialize(new { provider = "local-userpass", email = account.Email, password = account.Password }));
        Assert.Equal("utf-8", body.Headers.ContentType!.CharSet);
        await Json(await _api.TryLogIn(device, body));
    }

    [Fact]
    public async Task An_unknown_route_or_method_is_a_problem()
    {
        await Problem(await _api.Send(HttpMethod.Get, "/v1/nothing-here"), HttpStatusCode.NotFound, "not-found");
        await Problem(await _api.Send(HttpMethod.Get, "/v2/devices"), HttpStatusCode.NotFound, "not-found");
        await Problem(await _api.Send(HttpMethod.Post, "/v1/devices/x/y/z", body: new { }), HttpStatusCode.NotFound, "not-found");

        await Problem(await _api.Send(HttpMethod.Get, "/v1/devices"), HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        await Problem(await _api.Send(HttpMethod.Get, "/v1/auth/session"), HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    /// <summary>A body sent without a Content-Length (chunked), as a streaming client would.</summary>
    private sealed class UnsizedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnsizedContent(string json)
        {
            _bytes = System.Text.Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
