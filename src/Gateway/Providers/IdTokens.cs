using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Settings;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Providers;

/// <summary>
/// Checks ID tokens of OpenID Providers (Google, Apple, any <c>oidc</c> issuer): signed by a key of the issuer's JWKS
/// with an allowed algorithm, <c>iss</c>, <c>aud</c>, expiry and not-before within the clock leeway, a <c>sub</c>, and the
/// <c>nonce</c> when one is given. The discovery document and keys come from Microsoft.IdentityModel's configuration
/// manager, cached and fetched again (at most once a minute) when a token names a key not seen yet.
/// </summary>
public sealed partial class IdTokens(
    IHttpClientFactory http, TimeProvider time, IOptions<SessionsOptions> sessions, ILogger<IdTokens> logger)
{
    private static readonly TimeSpan KeyRefreshInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _managers = new();
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>The issuer's discovery document, with its keys (<c>unavailable</c> if it was never read).</summary>
    public Task<OpenIdConnectConfiguration> ConfigurationAsync(OpenIdIssuer issuer, CancellationToken cancellationToken) =>
        OutsideParty.CallAsync(issuer.ProviderType, logger, () => ManagerOf(issuer).GetConfigurationAsync(cancellationToken));

    public async Task<ExternalLogin> ValidateAsync(OpenIdIssuer issuer, string idToken, string? nonce, CancellationToken cancellationToken)
    {
        var kid = KeyIdOf(idToken);
        var configuration = await ConfigurationAsync(issuer, cancellationToken);
        if (!configuration.SigningKeys.Any(key => key.KeyId == kid))
        {
            ManagerOf(issuer).RequestRefresh();
            configuration = await ConfigurationAsync(issuer, cancellationToken);
        }

        var result = await _handler.ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuers = issuer.ValidIssuers,
            ValidAudiences = issuer.Audiences,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = issuer.Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = false,
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            throw Refused(issuer, result.Exception?.GetType().Name ?? "not a JWT");
        }

        if (!TokenLifetime.Holds(jwt, time, sessions.Value.ClockLeeway))
        {
            throw Refused(issuer, "expired or not yet valid");
        }

        if (string.IsNullOrEmpty(jwt.Subject))
        {
            throw Refused(issuer, "no subject");
        }

        if (nonce is not null && Claim(jwt, "nonce") != nonce)
        {
            throw Refused(issuer, "another nonce");
        }

        var metadata = new UserMetadata(
            Claim(jwt, "name"), Claim(jwt, "email"), Claim(jwt, "picture"), Claim(jwt, "given_name"), Claim(jwt, "family_name"));
        return new ExternalLogin(new UserIdentity(issuer.ProviderType, jwt.Subject), "{}", metadata);
    }

    private string? KeyIdOf(string idToken)
    {
        try
        {
            return _handler.CanReadToken(idToken) ? _handler.ReadJsonWebToken(idToken).Kid : throw Invalid();
        }
        catch (ArgumentException)
        {
            throw Invalid();
        }
    }

    private ConfigurationManager<OpenIdConnectConfiguration> ManagerOf(OpenIdIssuer issuer) => _managers.GetOrAdd(issuer.Issuer, _ =>
        new ConfigurationManager<OpenIdConnectConfiguration>(
            issuer.DiscoveryAddress.ToString(),
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(http.CreateClient(issuer.ProviderType)) { RequireHttps = issuer.DiscoveryAddress.Scheme == Uri.UriSchemeHttps })
        {
            RefreshInterval = KeyRefreshInterval,
        });

    private static string? Claim(JsonWebToken jwt, string name) =>
        jwt.TryGetPayloadValue<string>(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private SessionsException Refused(OpenIdIssuer issuer, string reason)
    {
        LogRefused(issuer.ProviderType, reason);
        return Invalid();
    }

    private static SessionsException Invalid() => new(ErrorCodes.InvalidCredentials, "The ID token is not valid.");

    [LoggerMessage(1, LogLevel.Information, "An ID token of {Party} was refused: {Reason}")]
    private partial void LogRefused(string party, string reason);
}
