using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OrleansSessions.Gateway.Providers;

namespace OrleansSessions.Gateway.Tests;

/// <summary>Apple's client secret: given, or minted as Apple asks and reused while young (the stand-in checks one too: Realm.Tests).</summary>
public sealed class AppleClientSecretTests
{
    [Fact]
    public async Task A_minted_secret_is_an_es256_jwt_of_the_team_for_the_client_reused_for_20_minutes()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var apple = new AppleOptions { ClientId = "com.example.web", TeamId = "TEAM123456", KeyId = "KEY9876543", PrivateKeyPem = key.ExportPkcs8PrivateKeyPem() };
        var secrets = new AppleClientSecret(Options.Create(new ProvidersOptions { Apple = apple }), time);

        var minted = secrets.Value;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(minted, new TokenValidationParameters
        {
            ValidIssuer = "TEAM123456",
            ValidAudience = "https://appleid.apple.com",
            IssuerSigningKey = new ECDsaSecurityKey(ECDsa.Create(key.ExportParameters(includePrivateParameters: false))),
            ValidAlgorithms = ["ES256"],
            ValidateLifetime = false,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal(("KEY9876543", "com.example.web"), (jwt.Kid, jwt.Subject));
        Assert.Equal((time.GetUtcNow().UtcDateTime, AppleClientSecret.Lifetime), (jwt.IssuedAt, jwt.ValidTo - jwt.IssuedAt));

        time.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(minted, secrets.Value);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.NotEqual(minted, secrets.Value);
    }

    [Fact]
    public void A_given_secret_is_used_as_it_is()
    {
        var apple = new AppleOptions { ClientId = "com.example.web", ClientSecret = "given-secret" };

        Assert.Equal("given-secret", new AppleClientSecret(Options.Create(new ProvidersOptions { Apple = apple }), TimeProvider.System).Value);
    }
}
