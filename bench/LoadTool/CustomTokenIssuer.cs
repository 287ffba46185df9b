using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OrleansSessions.LoadTool;

/// <summary>
/// Signs custom-token JWTs (ES256) that the gateway trusts through <c>Sessions__CustomToken__PublicKeyPem</c>, so
/// that thousands of users can log in during set-up without paying the PBKDF2 hash of a password each time.
/// </summary>
public sealed class CustomTokenIssuer(ECDsa key, string issuer)
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials = new(new ECDsaSecurityKey(key), SecurityAlgorithms.EcdsaSha256);

    public string Issuer => issuer;

    public static (string PrivatePem, string PublicPem) NewKeyPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    }

    public static CustomTokenIssuer FromPem(string privatePem, string issuer)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(privatePem);
        return new CustomTokenIssuer(key, issuer);
    }

    public string TokenFor(string subject) => _handler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = issuer,
        Subject = new ClaimsIdentity([new Claim("sub", subject)]),
        Expires = DateTime.UtcNow.AddHours(1),
        IssuedAt = DateTime.UtcNow,
        SigningCredentials = _credentials,
    });
}
