using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Tokens;

/// <summary>
/// Checks tokens of the configured external issuer: signature by one of its keys with an allowed asymmetric
/// algorithm, issuer, audience, and expiry and not-before under the clock leeway. Every failure is
/// <c>invalid-credentials</c>, like a wrong password.
/// </summary>
public sealed partial class CustomTokens(
    IOptions<SessionsOptions> options, IHttpClientFactory http, TimeProvider time, ILogger<CustomTokens> logger)
{
    private static readonly string[] AsymmetricAlgorithms =
        ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    private static readonly TimeSpan JwksLifetime = TimeSpan.FromMinutes(10);

    private readonly JsonWebTokenHandler _handler = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private (IReadOnlyList<SecurityKey> Keys, DateTimeOffset LoadedAt)? _jwks;

    private CustomTokenOptions Options => options.Value.CustomToken;

    public bool Enabled => Options.Enabled;

    public async Task<ExternalLogin> ValidateAsync(string token)
    {
        string? kid;
        try
        {
            kid = _handler.CanReadToken(token) ? _handler.ReadJsonWebToken(token).Kid : throw Invalid();
        }
        catch (ArgumentException)
        {
            throw Invalid();
        }

        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Options.Issuer,
            ValidAudience = Options.Audience,
            ValidateAudience = !string.IsNullOrEmpty(Options.Audience),
            IssuerSigningKeys = await KeysAsync(kid),
            ValidAlgorithms = CustomTokenOptions.List(Options.Algorithms).Intersect(AsymmetricAlgorithms).ToList(),
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = false,
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || string.IsNullOrEmpty(jwt.Subject))
        {
            LogRefused(result.Exception?.GetType().Name ?? "no subject");
            throw Invalid();
        }

        if (!TokenLifetime.Holds(jwt, time, options.Value.ClockLeeway))
        {
            LogRefused("expired or not yet valid");
            throw Invalid();
        }

        return new ExternalLogin(new UserIdentity(ProviderTypes.CustomToken, jwt.Subject), CopiedClaims(jwt));
    }

    private string CopiedClaims(JsonWebToken jwt)
    {
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload))!.AsObject();
        var copied = new JsonObject();
        foreach (var name in CustomTokenOptions.List(Options.CopiedClaims))
        {
            if (payload.TryGetPropertyValue(name, out var value))
            {
                copied[name] = value?.DeepClone();
            }
        }

        return copied.ToJsonString();
    }

    private async Task<IReadOnlyList<SecurityKey>> KeysAsync(string? kid)
    {
        var keys = PemKeys().ToList();
        if (!string.IsNullOrWhiteSpace(Options.JwksUri))
        {
            keys.AddRange(await JwksKeysAsync(kid));
        }

        return keys;
    }

    private IEnumerable<SecurityKey> PemKeys()
    {
        if (string.IsNullOrWhiteSpace(Options.PublicKeyPem))
        {
            yield break;
        }

        var pem = Options.PublicKeyPem.Replace("\\n", "\n");
        for (var at = 0; PemEncoding.TryFind(pem.AsSpan(at), out var fields); at += fields.Location.End.Value)
        {
            var block = pem.Substring(at + fields.Location.Start.Value, fields.Location.End.Value - fields.Location.Start.Value);
            yield return ToSecurityKey(block);
        }
    }

    private static SecurityKey ToSecurityKey(string pem)
    {
        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa);
        }
        catch (CryptographicException)
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
            return new ECDsaSecurityKey(ecdsa);
        }
    }

    /// <summary>The issuer's JWKS, fetched at most every ten minutes, or sooner for a key id not seen yet.</summary>
    private async Task<IReadOnlyList<SecurityKey>> JwksKeysAsync(string? kid)
    {
        var now = time.GetUtcNow();
        if (_jwks is { } cached && now - cached.LoadedAt < JwksLifetime
            && (kid is null || cached.Keys.Any(k => k.KeyId == kid) || now - cached.LoadedAt < TimeSpan.FromSeconds(30)))
        {
            return cached.Keys;
        }

        await _loading.WaitAsync();
        try
        {
            var json = await http.CreateClient(nameof(CustomTokens)).GetStringAsync(Options.JwksUri);
            _jwks = (new JsonWebKeySet(json).GetSigningKeys().ToList(), now);
            return _jwks.Value.Keys;
        }
        catch (Exception exception) when (exception is HttpRequestException or ArgumentException or TaskCanceledException)
        {
            LogJwksUnavailable(exception.GetType().Name);
            return _jwks?.Keys ?? [];
        }
        finally
        {
            _loading.Release();
        }
    }

    private static SessionsException Invalid() => new(ErrorCodes.InvalidCredentials, "The custom token is not valid.");

    [LoggerMessage(1, LogLevel.Information, "A custom token was refused: {Reason}")]
    private partial void LogRefused(string reason);

    [LoggerMessage(2, LogLevel.Warning, "The custom-token issuer's JWKS could not be loaded: {Reason}")]
    private partial void LogJwksUnavailable(string reason);
}
