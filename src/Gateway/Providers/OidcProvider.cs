using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Providers;

/// <summary><c>oidc</c>: an ID token of the configured OpenID Provider.</summary>
public sealed class OidcProvider(IdTokens idTokens, IOptions<ProvidersOptions> options) : IIdentityProvider
{
    public string Name => ProviderTypes.Oidc;

    public bool Enabled => options.Value.Oidc.Enabled;

    public Task<ExternalLogin> AuthenticateAsync(Credentials credentials, bool link, CancellationToken cancellationToken)
    {
        IdentityProviders.RequireOnly(credentials, "idToken", "nonce");
        return idTokens.ValidateAsync(
            OpenIdIssuer.Oidc(options.Value.Oidc), Require.Field(credentials.IdToken, "idToken"), credentials.Nonce, cancellationToken);
    }
}
