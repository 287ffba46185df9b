using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OrleansSessions.Gateway.Providers;

/// <summary>
/// The client secret Apple's token endpoint takes: the configured one, or an ES256 JWT minted as Apple asks (header
/// <c>kid</c> the key id; <c>iss</c> the team id, <c>sub</c> the client id, <c>aud</c> Apple's issuer, <c>iat</c>, and an
/// <c>exp</c> within six months) with the Sign in with Apple key. Minted ones live 30 minutes and are reused for 20.
/// </summary>
public sealed class AppleClientSecret(IOptions<ProvidersOptions> options, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan ReuseFor = TimeSpan.FromMinutes(20);

    private readonly Lock _lock = new();
    private (string Secret, DateTimeOffset RenewAt)? _minted;

    /// <summary>
    /// The signing key, made once and kept: Microsoft.IdentityModel caches a signer per key, so a key disposed after a
    /// mint would break the next one.
    /// </summary>
    private ECDsaSecurityKey? _key;

    private AppleOptions Options => options.Value.Apple;

    public string Value
    {
        get
        {
            if (!Options.MintsClientSecret)
            {
                return Options.ClientSecret!;
            }

            lock (_lock)
            {
                var now = time.GetUtcNow();
                if (_minted is not { } minted || minted.RenewAt <= now)
                {
                    _minted = minted = (Mint(now), now + ReuseFor);
                }

                return minted.Secret;
            }
        }
    }

    /// <summary>What is wrong with a configured key, if anything.</summary>
    public static IEnumerable<(string Key, string Message)> KeyProblems(string pem)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(pem);
            return key.KeySize == 256 ? [] : [(nameof(AppleOptions.PrivateKeyPem), "must be an EC P-256 key")];
        }
        catch (Exception invalid) when (invalid is ArgumentException or CryptographicException)
        {
            return [(nameof(AppleOptions.PrivateKeyPem), "is not a PEM private key")];
        }
    }

    private string Mint(DateTimeOffset now)
    {
        if (_key is null)
        {
            var key = ECDsa.Create();
            key.ImportFromPem(Options.PrivateKeyPem);
            _key = new ECDsaSecurityKey(key) { KeyId = Options.KeyId };
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Options.TeamId,
            Audience = Options.Issuer,
            IssuedAt = now.UtcDateTime,
            Expires = (now + Lifetime).UtcDateTime,
            Claims = new Dictionary<string, object> { ["sub"] = Options.ClientId! },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.EcdsaSha256),
        });
    }
}
