using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Redirects;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.Providers;

namespace OrleansSessions.Gateway.Redirects;

/// <summary>
/// The redirect (popup) flows of Google, Apple and Facebook: a flow starts under a new random state (256 bits, what the
/// provider carries), kept by a grain for <see cref="ProvidersOptions.RedirectFlowLifetime"/>, and is taken once when
/// the provider returns.
/// </summary>
public sealed class RedirectFlows(
    IEnumerable<IRedirectProvider> providers, IGrainFactory grains, IOptions<ProvidersOptions> options, TimeProvider time)
{
    private readonly Dictionary<string, IRedirectProvider> _byName = providers.ToDictionary(p => p.Name);

    /// <summary>The provider of a redirect flow, if it is one whose redirects are on (<c>validation-failed</c> otherwise).</summary>
    public IRedirectProvider Find(string name) => _byName.GetValueOrDefault(name) is { RedirectUris.Count: > 0 } provider
        ? provider
        : throw Require.Invalid($"Redirect logins with {name} are not enabled on this service.");

    /// <summary>The provider's authorization URL for a new flow, which is kept until it returns.</summary>
    public async Task<Uri> StartAsync(
        IRedirectProvider provider, string clientState, string redirect, string callback, RedirectDevice? device,
        RedirectLinkTarget? link, CancellationToken cancellationToken)
    {
        Require.That(provider.RedirectUris.Contains(redirect, StringComparer.Ordinal), "'redirect' is not a redirect URI of this provider.");
        var state = Ids.NewSecret();
        var authorization = await provider.AuthorizeAsync(state, callback, cancellationToken);
        var expiresAt = time.GetUtcNow() + options.Value.RedirectFlowLifetime;
        await GrainOf(state).Start(new RedirectFlow(
            provider.Name, clientState, redirect, callback, device, authorization.CodeVerifier, authorization.Nonce, link, expiresAt));
        return authorization.Url;
    }

    /// <summary>The flow of a returned state, once (none if unknown, used or expired), and its provider.</summary>
    public async Task<(RedirectFlow Flow, IRedirectProvider Provider)?> TakeAsync(string? state) =>
        state is { Length: > 0 and <= 100 } && await GrainOf(state).Take() is { } flow ? (flow, _byName[flow.Provider]) : null;

    private IRedirectFlowGrain GrainOf(string state) =>
        grains.GetGrain<IRedirectFlowGrain>(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state))));
}
