using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions.Redirects;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Providers;

namespace OrleansSessions.Gateway.Redirects;

/// <summary>
/// Facebook's redirect flow: its login dialog, and the code redeemed with the app secret at the Graph API for a user
/// access token, which then logs in as a Facebook login does. Facebook's dialog takes neither PKCE nor a nonce; the
/// single-use state and the app secret guard the code.
/// </summary>
public sealed class FacebookRedirects(FacebookProvider facebook, IOptions<ProvidersOptions> options) : IRedirectProvider
{
    private FacebookOptions Options => options.Value.Facebook;

    public string Name => facebook.Name;

    public IReadOnlyList<string> RedirectUris => Options.Enabled ? Options.RedirectUris : [];

    public Task<RedirectAuthorization> AuthorizeAsync(string state, string callback, CancellationToken cancellationToken)
    {
        var url = QueryHelpers.AddQueryString(Options.DialogUrl, new Dictionary<string, string?>
        {
            ["client_id"] = Options.AppId,
            ["redirect_uri"] = callback,
            ["state"] = state,
            ["response_type"] = "code",
            ["scope"] = "public_profile,email",
        });
        return Task.FromResult(new RedirectAuthorization(new Uri(url), null, null));
    }

    public async Task<Credentials> RedeemAsync(string code, RedirectFlow flow, CancellationToken cancellationToken) =>
        new(Name, null, null, null, AccessToken: await facebook.RedeemCodeAsync(code, flow.Callback, cancellationToken));
}
