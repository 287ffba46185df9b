using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Redirects;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Providers;

namespace OrleansSessions.Gateway.Redirects;

/// <summary>
/// The redirect flow of an OpenID Provider (Google, Apple): the authorization code flow at the endpoints of its
/// discovery document, answered by <c>form_post</c> (so the code is in a body, never in a logged URL), with a nonce,
/// and PKCE (S256) when the provider lists it. The code is redeemed with the client secret; its ID token is then
/// checked, nonce included, by the provider's own login.
/// </summary>
public sealed class OpenIdRedirects(
    string name, OpenIdRedirects.Preset? preset, IdTokens idTokens, TokenEndpoint tokenEndpoint, ILogger<OpenIdRedirects> logger) : IRedirectProvider
{
    /// <summary>What differs between providers: whose tokens, which client, its secret, the scopes asked for.</summary>
    public sealed record Preset(
        OpenIdIssuer Issuer, string ClientId, Func<string> ClientSecret, string Scope, IReadOnlyList<string> RedirectUris);

    public string Name => name;

    /// <summary>None while the provider is off, so that no flow ever reaches its (missing) preset.</summary>
    public IReadOnlyList<string> RedirectUris => preset?.RedirectUris ?? [];

    private Preset On => preset ?? throw new InvalidOperationException($"{name} is off.");

    public static OpenIdRedirects Google(IServiceProvider services)
    {
        var google = services.GetRequiredService<IOptions<ProvidersOptions>>().Value.Google;
        return Create(services, ProviderTypes.Google, google.Enabled
            ? new Preset(OpenIdIssuer.Google(google), google.ClientId!, () => google.ClientSecret!, "openid email profile", google.RedirectUris)
            : null);
    }

    public static OpenIdRedirects Apple(IServiceProvider services)
    {
        var apple = services.GetRequiredService<IOptions<ProvidersOptions>>().Value.Apple;
        var secret = services.GetRequiredService<AppleClientSecret>();
        return Create(services, ProviderTypes.Apple, apple.Enabled
            ? new Preset(OpenIdIssuer.Apple(apple), apple.ClientId!, () => secret.Value, "openid name email", apple.RedirectUris)
            : null);
    }

    public async Task<RedirectAuthorization> AuthorizeAsync(string state, string callback, CancellationToken cancellationToken)
    {
        var configuration = await idTokens.ConfigurationAsync(On.Issuer, cancellationToken);
        if (!ProvidersOptions.IsOutboundAddress(configuration.AuthorizationEndpoint))
        {
            throw OutsideParty.Unusable(Name, logger, "the discovery document has no usable authorization endpoint");
        }

        var verifier = configuration.CodeChallengeMethodsSupported.Contains("S256") ? Ids.NewSecret() : null;
        var nonce = Ids.NewSecret(16);
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["response_mode"] = "form_post",
            ["client_id"] = On.ClientId,
            ["redirect_uri"] = callback,
            ["scope"] = On.Scope,
            ["state"] = state,
            ["nonce"] = nonce,
        };
        if (verifier is not null)
        {
            query["code_challenge"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            query["code_challenge_method"] = "S256";
        }

        return new RedirectAuthorization(new Uri(QueryHelpers.AddQueryString(configuration.AuthorizationEndpoint, query)), verifier, nonce);
    }

    public async Task<Credentials> RedeemAsync(string code, RedirectFlow flow, CancellationToken cancellationToken)
    {
        var idToken = await tokenEndpoint.RedeemAsync(
            On.Issuer, code, On.ClientId, On.ClientSecret(), flow.Callback, flow.CodeVerifier, cancellationToken);
        return new Credentials(Name, null, null, null, IdToken: idToken, Nonce: flow.Nonce);
    }

    private static OpenIdRedirects Create(IServiceProvider services, string name, Preset? preset) => new(
        name,
        preset,
        services.GetRequiredService<IdTokens>(),
        services.GetRequiredService<TokenEndpoint>(),
        services.GetRequiredService<ILogger<OpenIdRedirects>>());
}
