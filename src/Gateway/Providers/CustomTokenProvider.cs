using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Providers;

/// <summary>The <c>custom-token</c> provider: a JWT of the configured issuer (<see cref="CustomTokens"/>).</summary>
public sealed class CustomTokenProvider(CustomTokens tokens) : IIdentityProvider
{
    public string Name => ProviderTypes.CustomToken;

    public bool Enabled => tokens.Enabled;

    public Task<ExternalLogin> AuthenticateAsync(Credentials credentials, bool link, CancellationToken cancellationToken) =>
        tokens.ValidateAsync(Require.Field(credentials.Token, "token"));
}
