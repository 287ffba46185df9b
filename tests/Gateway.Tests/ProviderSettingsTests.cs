using System.ComponentModel.DataAnnotations;
using System.Net;
using OrleansSessions.Gateway.Providers;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>Providers are off until configured, and a provider configured halfway stops the start.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class ProviderSettingsTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Theory]
    [InlineData("""{"provider":"oauth2-google","idToken":"a.b.c"}""")]
    [InlineData("""{"provider":"oauth2-apple","idToken":"a.b.c"}""")]
    [InlineData("""{"provider":"oauth2-facebook","accessToken":"token"}""")]
    [InlineData("""{"provider":"custom-function","payload":{}}""")]
    [InlineData("""{"provider":"oidc","idToken":"a.b.c"}""")]
    public async Task A_provider_that_is_not_configured_is_validation_failed(string credentials)
    {
        var device = await _api.NewDevice();

        await Problem(await _api.TryLogIn(device, Raw(credentials)), HttpStatusCode.BadRequest, "validation-failed");
    }

    public static TheoryData<string, ProvidersOptions> HalfConfigured => new()
    {
        { "Google:Issuer", new ProvidersOptions { Google = { ClientId = "id", Issuer = "http://accounts.example" } } },
        { "Apple:Issuer", new ProvidersOptions { Apple = { ClientId = "id", Issuer = "not a url" } } },
        { "Oidc:ClientId", new ProvidersOptions { Oidc = { Issuer = "https://issuer.example" } } },
        { "Facebook:AppSecret", new ProvidersOptions { Facebook = { AppId = "1" } } },
        { "CustomFunction:Secret", new ProvidersOptions { CustomFunction = { Url = "https://app.example/auth", Secret = "short" } } },
        { "CustomFunction:Url", new ProvidersOptions { CustomFunction = { Url = "http://app.example/auth", Secret = new string('s', 32) } } },
        { "HttpTimeout", new ProvidersOptions { HttpTimeout = TimeSpan.Zero } },
        { "RedirectFlowLifetime", new ProvidersOptions { RedirectFlowLifetime = TimeSpan.FromHours(2) } },
        { "Google:ClientSecret", new ProvidersOptions { Google = { ClientId = "id", RedirectUris = ["https://app.example/r"] } } },
        { "Google:RedirectUris", new ProvidersOptions { Google = { ClientId = "id", ClientSecret = "s", RedirectUris = ["app.example/r"] } } },
        { "Apple:ClientSecret or PrivateKeyPem", new ProvidersOptions { Apple = { ClientId = "id", RedirectUris = ["https://app.example/r"] } } },
        { "Apple:PrivateKeyPem", new ProvidersOptions { Apple = { ClientId = "id", TeamId = "T", KeyId = "K", PrivateKeyPem = "not a key" } } },
        { "Apple:TeamId", new ProvidersOptions { Apple = { ClientId = "id", KeyId = "K", PrivateKeyPem = "not a key" } } },
        { "Facebook:DialogUrl", new ProvidersOptions { Facebook = { AppId = "1", AppSecret = "s", DialogUrl = "http://facebook.example/dialog" } } },
        { "Facebook:RedirectUris", new ProvidersOptions { Facebook = { AppId = "1", AppSecret = "s", RedirectUris = ["https://app.example/r#x"] } } },
    };

    [Theory]
    [MemberData(nameof(HalfConfigured))]
    public void A_provider_configured_halfway_is_refused_at_start(string key, ProvidersOptions options)
    {
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.MemberNames.Contains(key));
        var defaults = new ProvidersOptions();
        Assert.True(Validator.TryValidateObject(defaults, new ValidationContext(defaults), [], validateAllProperties: true));
    }
}
