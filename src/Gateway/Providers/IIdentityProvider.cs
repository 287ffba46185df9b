using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Providers;

/// <summary>A sign-in method whose users are external identities (a provider type and the user's id there).</summary>
public interface IIdentityProvider
{
    /// <summary>The <c>provider</c> of its credentials, and the provider type of its identities.</summary>
    string Name { get; }

    bool Enabled { get; }

    /// <summary>
    /// Who the credentials name: <c>validation-failed</c> for a missing or extra field, <c>invalid-credentials</c> for a
    /// refusal, <c>unavailable</c> when the outside party cannot answer.
    /// </summary>
    Task<ExternalLogin> AuthenticateAsync(Credentials credentials, bool link, CancellationToken cancellationToken);
}
