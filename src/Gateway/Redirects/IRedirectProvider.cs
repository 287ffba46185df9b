using OrleansSessions.Abstractions.Redirects;
using OrleansSessions.Gateway.Contracts;

namespace OrleansSessions.Gateway.Redirects;

/// <summary>
/// A provider's redirect (popup) flow: where to send the user's browser, and the credentials the code it returns with
/// stands for, which then log in (or link) like any other of that provider.
/// </summary>
public interface IRedirectProvider
{
    /// <summary>The provider type (<c>oauth2-google</c>, <c>oauth2-apple</c>, <c>oauth2-facebook</c>).</summary>
    string Name { get; }

    /// <summary>The app pages a flow may return to, exactly; none while the provider or its redirects are off.</summary>
    IReadOnlyList<string> RedirectUris { get; }

    /// <summary>The authorization URL for a flow whose <c>state</c> and <c>redirect_uri</c> are these.</summary>
    Task<RedirectAuthorization> AuthorizeAsync(string state, string callback, CancellationToken cancellationToken);

    /// <summary>The credentials a returned code is redeemed for (<c>invalid-credentials</c> if the provider refuses it).</summary>
    Task<Credentials> RedeemAsync(string code, RedirectFlow flow, CancellationToken cancellationToken);
}

/// <summary>Where the browser goes, and the PKCE verifier and nonce that go with it (none where the provider takes none).</summary>
public sealed record RedirectAuthorization(Uri Url, string? CodeVerifier, string? Nonce);
