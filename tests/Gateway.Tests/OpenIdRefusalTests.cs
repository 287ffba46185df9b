using System.Net;
using OrleansSessions.TestSupport.Providers;
using static OrleansSessions.Gateway.Tests.Api;
using static OrleansSessions.Gateway.Tests.OpenIdLoginTests;
using static OrleansSessions.TestSupport.Providers.OpenIdProviderStandIn;

namespace OrleansSessions.Gateway.Tests;

/// <summary>Every ID token or code a careful relying party refuses, and the token endpoint's outages.</summary>
[Collection(ProvidersGatewayCollection.Name)]
public sealed class OpenIdRefusalTests(ProvidersGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Theory]
    [InlineData("signed by a key that is not the issuer's", "oauth2-google")]
    [InlineData("signed by a key the issuer does not publish", "oauth2-google")]
    [InlineData("of another issuer publishing the same keys", "oauth2-google")]
    [InlineData("for another app", "oauth2-google")]
    [InlineData("expired beyond the leeway", "oauth2-google")]
    [InlineData("not valid yet beyond the leeway", "oauth2-google")]
    [InlineData("without a subject", "oauth2-google")]
    [InlineData("of Apple", "oauth2-google")]
    [InlineData("of Google", "oauth2-apple")]
    [InlineData("with another nonce", "oidc")]
    [InlineData("not a JWT", "oidc")]
    public async Task A_token_failing_a_check_is_invalid_credentials_and_makes_no_user(string token, string provider)
    {
        var device = await _api.NewDevice();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var subject = NewSubject();
        var idToken = token switch
        {
            "signed by a key that is not the issuer's" => await gateway.Minted(Google, subject, key: "forged"),
            "signed by a key the issuer does not publish" => await gateway.Minted(Google, subject, key: "foreign"),
            "of another issuer publishing the same keys" => await gateway.Minted(Twin, subject, new() { ["aud"] = ClientId(Google) }),
            "for another app" => await gateway.IdToken(Google, subject, clientId: ForeignClientId),
            "expired beyond the leeway" => await gateway.Minted(Google, subject, new() { ["iat"] = now - 400, ["nbf"] = now - 400, ["exp"] = now - 6 }),
            "not valid yet beyond the leeway" => await gateway.Minted(Google, subject, new() { ["nbf"] = now + 60 }),
            "without a subject" => await gateway.Minted(Google, subject, new() { ["sub"] = null }),
            "of Apple" => await gateway.IdToken(Apple, subject),
            "of Google" => await gateway.IdToken(Google, subject),
            "with another nonce" => await gateway.IdToken(Oidc, subject, nonce: "sent"),
            _ => "not.a.jwt",
        };

        var refused = await _api.TryLogIn(device, IdToken(provider, idToken, token == "with another nonce" ? "other" : null));

        await Problem(refused, HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Empty(await _api.UserIds(device));
    }

    [Fact]
    public async Task A_code_that_cannot_be_redeemed_is_invalid_credentials()
    {
        var device = await _api.NewDevice();
        var code = await gateway.GoogleCode(NewSubject());
        await _api.LogIn(device, GoogleCode(code));

        await Problem(await _api.TryLogIn(device, GoogleCode(code)), HttpStatusCode.Unauthorized, "invalid-credentials");
        await Problem(await _api.TryLogIn(device, GoogleCode("made-up-code-0123456789")), HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    [Theory]
    [InlineData("500")]
    [InlineData("slow")]
    [InlineData("redirect")]
    [InlineData("malformed")]
    public async Task A_token_endpoint_that_fails_is_unavailable(string fault)
    {
        var device = await _api.NewDevice();
        var code = await gateway.GoogleCode(NewSubject());
        await gateway.Op.SetTokenFaultAsync(Google, fault);
        try
        {
            await Problem(await _api.TryLogIn(device, GoogleCode(code)), HttpStatusCode.ServiceUnavailable, "unavailable");
        }
        finally
        {
            await gateway.Op.SetTokenFaultAsync(Google, null);
        }

        Assert.Empty(await _api.UserIds(device));
    }

    public static TheoryData<object> BadBodies => new()
    {
        new { provider = "oauth2-google" },
        new { provider = "oauth2-google", idToken = "" },
        new { provider = "oauth2-google", idToken = "a.b.c", authCode = "code" },
        new { provider = "oauth2-google", idToken = "a.b.c", accessToken = "token" },
        new { provider = "oauth2-apple", authCode = "code" },
        new { provider = "oauth2-apple", idToken = "a.b.c", token = "t" },
        new { provider = "oidc", idToken = " " },
        new { provider = "oauth2-facebook" },
        new { provider = "oauth2-facebook", accessToken = "token", idToken = "a.b.c" },
        new { provider = "custom-function" },
        new { provider = "custom-function", payload = "text" },
        new { provider = "custom-function", payload = new[] { 1 } },
        new { provider = "custom-function", payload = new { user = "u" }, token = "t" },
        new { provider = "custom-function", payload = new { padding = new string('p', 17 * 1024) } },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_missing_empty_or_extra_field_is_validation_failed(object credentials)
    {
        var device = await _api.NewDevice();

        await Problem(await _api.TryLogIn(device, credentials), HttpStatusCode.BadRequest, "validation-failed");
        Assert.Empty(await _api.UserIds(device));
    }
}
