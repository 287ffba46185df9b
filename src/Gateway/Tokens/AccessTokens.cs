using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OrleansSessions.Abstractions;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Tokens;

/// <summary>
/// Mints and checks this tier's access tokens: ES256 JWTs with a <c>kid</c> and <c>typ</c> <c>at+jwt</c>. A token
/// is judged in SPEC.md's order: unreadable or badly signed (<c>invalid-token</c>), then expired
/// (<c>token-expired</c>); whether its session is live is for the user grain to say.
/// </summary>
public sealed class AccessTokens(SigningKeyRing keys, IOptions<SessionsOptions> options, TimeProvider time) : IDisposable
{
    public const string TokenType = "at+jwt";

    /// <summary>How many verified tokens are remembered; past it, the oldest are verified again when next used.</summary>
    private const int VerifiedTokensKept = 100_000;

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly MemoryCache _verified = new(new MemoryCacheOptions { SizeLimit = VerifiedTokensKept });

    private SessionsOptions Options => options.Value;

    /// <summary>A token for a session; <paramref name="extraClaims"/> are for clients that read more from it (Realm's).</summary>
    public async ValueTask<string> IssueAsync(
        string userId, string sessionId, string deviceId, IReadOnlyDictionary<string, object>? extraClaims = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>(extraClaims ?? new Dictionary<string, object>())
        {
            [JwtRegisteredClaimNames.Sub] = userId,
            [JwtRegisteredClaimNames.Sid] = sessionId,
            ["did"] = deviceId,
            [JwtRegisteredClaimNames.Jti] = Ids.New(),
        };
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Options.Issuer,
            Audience = Options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Options.AccessTokenLifetime,
            TokenType = TokenType,
            Claims = claims,
            SigningCredentials = new SigningCredentials(await keys.SigningKeyAsync(), SecurityAlgorithms.EcdsaSha256),
        });
    }

    /// <summary>
    /// The token's claims, or a <see cref="SessionsException"/> saying why it is refused. A token whose signature
    /// was verified once is known until it expires, so a client's repeated requests pay one ES256 verification.
    /// </summary>
    public async ValueTask<AccessTokenClaims> ValidateAsync(string? token)
    {
        var claims = token is not null && _verified.TryGetValue(token, out AccessTokenClaims? known) ? known! : await VerifyAsync(token);
        if (claims.ExpiresAt + Options.ClockLeeway <= time.GetUtcNow())
        {
            throw new SessionsException(ErrorCodes.TokenExpired, "The access token has expired.");
        }

        return claims;
    }

    /// <summary>Checks the token's signature, type, issuer, audience and not-before, and remembers it if it passes.</summary>
    private async ValueTask<AccessTokenClaims> VerifyAsync(string? token)
    {
        var key = await keys.FindAsync(Read(token).Kid);
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Options.Issuer,
            ValidAudience = Options.Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidTypes = [TokenType],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = false,
            TryAllIssuerSigningKeys = false,
        });
        if (key is null || !result.IsValid || result.SecurityToken is not JsonWebToken jwt
            || jwt.ValidFrom - Options.ClockLeeway > time.GetUtcNow().UtcDateTime)
        {
            throw InvalidToken();
        }

        var claims = Claims(result.ClaimsIdentity, jwt);
        _verified.Set(token!, claims, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = claims.ExpiresAt + Options.ClockLeeway });
        return claims;
    }

    /// <summary>The token's header and claims, unverified; <c>invalid-token</c> when it is no JWT at all.</summary>
    private JsonWebToken Read(string? token)
    {
        try
        {
            return !string.IsNullOrEmpty(token) && _handler.CanReadToken(token) ? _handler.ReadJsonWebToken(token) : throw InvalidToken();
        }
        catch (ArgumentException)
        {
            throw InvalidToken();
        }
    }

    private static AccessTokenClaims Claims(ClaimsIdentity identity, JsonWebToken jwt)
    {
        var sub = identity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        var sid = identity.FindFirst(JwtRegisteredClaimNames.Sid)?.Value;
        var did = identity.FindFirst("did")?.Value;
        return sub is null || sid is null || did is null
            ? throw InvalidToken()
            : new AccessTokenClaims(sub, sid, did, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
    }

    public void Dispose() => _verified.Dispose();

    private static SessionsException InvalidToken() =>
        new(ErrorCodes.InvalidToken, "The access token is not valid.");
}
