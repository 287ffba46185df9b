using Microsoft.Extensions.Options;
using OrleansSessions.Gateway.Realm;

namespace OrleansSessions.Gateway.ApiKeys;

/// <summary>Adds API keys: their options (checked at start) and, when they are enabled, their routes.</summary>
public static class ApiKeysApi
{
    public static WebApplicationBuilder AddApiKeys(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiKeyOptions>()
            .Bind(builder.Configuration.GetSection(ApiKeyOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<UserApiKeys>();
        return builder;
    }

    /// <summary>The key routes of /v1 and of the Realm API; none while API keys are off, so they answer 404.</summary>
    public static WebApplication MapApiKeys(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ApiKeyOptions>>().Value.Enabled)
        {
            app.MapApiKeyEndpoints();
            app.MapAdminApiKeyEndpoints();
            app.MapRealmApiKeyEndpoints();
        }

        return app;
    }
}
