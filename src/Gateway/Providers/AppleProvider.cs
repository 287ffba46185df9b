using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Providers;

/// <summary><c>oauth2-apple</c>: an Apple identity token (an ID token of Apple's issuer).</summary>
public sealed class AppleProvider(IdTokens idTokens, IOptions<ProvidersOptions> options) : IIdentityProvider
{
    public string Name => ProviderTypes.Apple;

    public bool Enabled => options.Value.Apple.Enabled;

    public Task<ExternalLogin> AuthenticateAsync(Credentials credentials, bool link, CancellationToken cancellationToken)
    {
        IdentityProviders.RequireOnly(credentials, "idToken", "nonce");
        return idTokens.ValidateAsync(
            OpenIdIssuer.Apple(options.Value.Apple), Require.Field(credentials.IdToken, "idToken"), credentials.Nonce, cancellationToken);
    }
}
