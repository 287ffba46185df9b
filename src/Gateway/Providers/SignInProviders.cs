using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly.Telemetry;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Redirects;

namespace OrleansSessions.Gateway.Providers;

/// <summary>
/// Adds the sign-in methods of external identities: their options (validated at start), their validators, their
/// redirect flows and one named <c>HttpClient</c> per outside party, with a timeout and a resilience policy, never
/// following a redirect.
/// </summary>
public static class SignInProviders
{
    public static WebApplicationBuilder AddSignInProviders(this WebApplicationBuilder builder)
    {
        // Set before any token is handled (the library reads its switches once): a refresh of an issuer's keys asked for
        // on an unknown kid then happens on the next read, not on a background thread of each configuration manager.
        AppContext.SetSwitch("Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking", true);
        var services = builder.Services;
        services.AddOptions<ProvidersOptions>()
            .Bind(builder.Configuration.GetSection(ProvidersOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IdTokens>();
        services.AddSingleton<TokenEndpoint>();
        services.AddSingleton<AppleClientSecret>();
        services.AddSingleton<IIdentityProvider, CustomTokenProvider>();
        services.AddSingleton<IIdentityProvider, GoogleProvider>();
        services.AddSingleton<IIdentityProvider, AppleProvider>();
        services.AddSingleton<IIdentityProvider, OidcProvider>();
        services.AddSingleton<FacebookProvider>();
        services.AddSingleton<IIdentityProvider>(provider => provider.GetRequiredService<FacebookProvider>());
        services.AddSingleton<IIdentityProvider, CustomFunctionProvider>();
        services.AddSingleton<IdentityProviders>();
        services.AddSingleton<IRedirectProvider>(OpenIdRedirects.Google);
        services.AddSingleton<IRedirectProvider>(OpenIdRedirects.Apple);
        services.AddSingleton<IRedirectProvider, FacebookRedirects>();
        services.AddSingleton<RedirectFlows>();

        foreach (var party in new[] { ProviderTypes.Google, ProviderTypes.Apple, ProviderTypes.Oidc, ProviderTypes.Facebook })
        {
            AddOutsideParty(services, party, providers => providers.HttpTimeout);
        }

        AddOutsideParty(services, ProviderTypes.CustomFunction, providers => providers.CustomFunction.Timeout);

        // An outside party's failure is its own, answered with 503 and logged as a warning: not an error of this service.
        services.Configure<TelemetryOptions>(telemetry => telemetry.SeverityProvider = outcome =>
            outcome.Event.Severity > ResilienceEventSeverity.Warning ? ResilienceEventSeverity.Warning : outcome.Event.Severity);
        return builder;
    }

    /// <summary>
    /// The party's client: the whole call within <paramref name="timeout"/>; one quick retry of a failed GET (never of a
    /// POST: a code or a webhook call is not repeated); redirects are answers, not followed.
    /// </summary>
    private static void AddOutsideParty(IServiceCollection services, string party, Func<ProvidersOptions, TimeSpan> timeout)
    {
        services.AddHttpClient(party, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddStandardResilienceHandler()
            .Configure((resilience, provider) =>
            {
                var limit = timeout(provider.GetRequiredService<IOptions<ProvidersOptions>>().Value);
                resilience.TotalRequestTimeout.Timeout = limit;
                resilience.AttemptTimeout.Timeout = limit;
                resilience.CircuitBreaker.SamplingDuration = limit * 2 < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : limit * 2;
                resilience.Retry.MaxRetryAttempts = 1;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(100);
                resilience.Retry.DisableForUnsafeHttpMethods();
            });
    }
}
