using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Providers;

/// <summary>
/// <c>oauth2-google</c>: a Google ID token, or an authorization code the service redeems at Google's token endpoint
/// (with the client secret) for the ID token, which is then checked like any other.
/// </summary>
public sealed class GoogleProvider(IdTokens idTokens, TokenEndpoint tokenEndpoint, IOptions<ProvidersOptions> options) : IIdentityProvider
{
    private GoogleOptions Options => options.Value.Google;

    public string Name => ProviderTypes.Google;

    public bool Enabled => Options.Enabled;

    public async Task<ExternalLogin> AuthenticateAsync(Credentials credentials, bool link, CancellationToken cancellationToken)
    {
        IdentityProviders.RequireOnly(credentials, "idToken", "authCode", "nonce");
        Require.That(
            credentials.IdToken is null != credentials.AuthCode is null, "Exactly one of 'idToken' and 'authCode' is required.");
        var issuer = OpenIdIssuer.Google(Options);
        var idToken = credentials.IdToken is null
            ? await RedeemAsync(issuer, Require.Field(credentials.AuthCode, "authCode"), cancellationToken)
            : Require.Field(credentials.IdToken, "idToken");
        return await idTokens.ValidateAsync(issuer, idToken, credentials.Nonce, cancellationToken);
    }

    private Task<string> RedeemAsync(OpenIdIssuer issuer, string code, CancellationToken cancellationToken)
    {
        Require.That(!string.IsNullOrEmpty(Options.ClientSecret), "Google authorization codes are not enabled on this service.");
        return tokenEndpoint.RedeemAsync(
            issuer, code, Options.ClientId!, Options.ClientSecret!, Options.AuthCodeRedirectUri, codeVerifier: null, cancellationToken);
    }
}
