using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OrleansSessions.Gateway.Tests;

/// <summary>
/// A gateway whose custom-token provider trusts an issuer with an RSA key given as PEM and an EC key published in a
/// JWKS document (served by a small web server of the test's own, started first).
/// </summary>
public sealed class CustomTokenGateway : GatewayHost
{
    public const string Issuer = "https://issuer.example";
    public const string Audience = "orleans-sessions-tests";
    private const string JwksKeyId = "jwks-key";

    private WebApplication? _jwksServer;

    public RSA PemKey { get; } = RSA.Create(2048);

    public ECDsa JwksKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string JwksUri { get; private set; } = "";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:CustomToken:Issuer"] = Issuer,
        ["Sessions:CustomToken:Audience"] = Audience,
        ["Sessions:CustomToken:PublicKeyPem"] = PemKey.ExportSubjectPublicKeyInfoPem(),
        ["Sessions:CustomToken:JwksUri"] = JwksUri,
        ["Sessions:CustomToken:CopiedClaims"] = "name,plan",
    };

    /// <summary>A token of the issuer, or, with the arguments, one that something is wrong with.</summary>
    public string Token(
        string subject, object? name = null, string issuer = Issuer, string audience = Audience,
        TimeSpan? expiresIn = null, DateTimeOffset? notBefore = null, bool useJwksKey = false, SigningCredentials? signedWith = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (name is not null)
        {
            claims["name"] = name;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = (notBefore ?? now).UtcDateTime,
            Expires = now + (expiresIn ?? TimeSpan.FromMinutes(5)),
            Claims = claims,
            SigningCredentials = signedWith ?? (useJwksKey
                ? new SigningCredentials(new ECDsaSecurityKey(JwksKey) { KeyId = JwksKeyId }, SecurityAlgorithms.EcdsaSha256)
                : new SigningCredentials(new RsaSecurityKey(PemKey), SecurityAlgorithms.RsaSha256)),
        });
    }

    public override async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _jwksServer = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(JwksKey) { KeyId = JwksKeyId });
        _jwksServer.MapGet("/jwks.json", () => Results.Json(new
        {
            keys = new[] { new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid = jwk.Kid, use = "sig", alg = "ES256" } },
        }));
        await _jwksServer.StartAsync();
        JwksUri = $"{_jwksServer.Urls.Single()}/jwks.json";
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            if (_jwksServer is not null)
            {
                await _jwksServer.DisposeAsync();
            }

            PemKey.Dispose();
            JwksKey.Dispose();
        }
    }
}
