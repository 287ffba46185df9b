using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using OrleansSessions.Gateway.Callers;
using OrleansSessions.Gateway.ApiKeys;
using OrleansSessions.Gateway.Email;
using OrleansSessions.Gateway.Events;
using OrleansSessions.Gateway.Failover;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.Providers;
using OrleansSessions.Gateway.Realm;
using OrleansSessions.Gateway.Tokens;
using OrleansSessions.Gateway.UserDirectory;
using OrleansSessions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using OrleansSessions.Gateway.Accounts;
using OrleansSessions.Gateway.Limits;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Startup;

public static class GatewayServices
{
    /// <summary>Adds the API: options validated at start, JSON, problem details, the admin key, tokens, OpenAPI, health checks.</summary>
    public static WebApplicationBuilder AddSessionsApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        ConnectionAddress.KeepFirst(services);
        services.AddOptions<SessionsOptions>()
            .Bind(builder.Configuration.GetSection(SessionsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<FailoverOptions>()
            .Bind(builder.Configuration.GetSection(FailoverOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var maxBody = builder.Configuration.GetSection(SessionsOptions.Section)
            .GetValue(nameof(SessionsOptions.MaxRequestBodyBytes), new SessionsOptions().MaxRequestBodyBytes);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = maxBody;
            RequestSizeLimits.RaiseKestrelLimits(kestrel.Limits);
        });

        services.Configure<JsonOptions>(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.AddRealmApi();
        builder.AddSignInProviders();
        builder.AddApiKeys();
        services.AddSessionProblems();
        services.AddSessionRateLimits();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, AdminKeyAuthentication>(AdminKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(AdminKeyAuthentication.PolicyName, policy =>
            policy.AddAuthenticationSchemes(AdminKeyAuthentication.SchemeName).RequireAuthenticatedUser());

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<FailedAuthentications>();
        services.AddSingleton<PasswordChecks>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<Logins>();
        services.AddSingleton<UserCursors>();
        services.AddSingleton<CustomTokens>();
        services.AddSingleton<DeviceEventHub>();
        services.AddHostedService(provider => provider.GetRequiredService<DeviceEventHub>());
        services.AddHttpClient(nameof(CustomTokens), client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSessionsEmail(builder.Configuration);
        services.AddHostedService<StartupBanner>();

        builder.AddSessionsTelemetry(
            "orleans-sessions-gateway",
            traces => traces.AddAspNetCoreInstrumentation(),
            meters => meters.AddAspNetCoreInstrumentation());
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]);
        return builder;
    }
}
