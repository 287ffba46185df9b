using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace OrleansSessions.Gateway.Realm;

/// <summary>Adds the Realm-compatible client API (<c>/api/client/v2.0</c>): its options, error shape, device identities and CORS.</summary>
public static class RealmApi
{
    /// <summary>
    /// The CORS policy of the Realm routes: the configured origins, any method and header, with credentials (realm-web's
    /// redirect link asks with them; this API's credentials are bearer tokens, never cookies) and the redirect link's
    /// <c>X-Baas-Location</c> readable.
    /// </summary>
    public const string CorsPolicy = "realm";

    public static bool IsRealmPath(PathString path) => path.StartsWithSegments(RealmEndpoints.Root);

    /// <summary>Must run before the problem details are added, so that its error writer comes first on Realm paths.</summary>
    public static WebApplicationBuilder AddRealmApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RealmOptions>()
            .Bind(builder.Configuration.GetSection(RealmOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IProblemDetailsWriter, RealmErrorWriter>();
        services.AddSingleton<RealmDevices>();
        services.AddSingleton<RealmTokens>();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<RealmOptions>>((cors, realm) => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(realm.Value.AllowedOrigins)
            .AllowAnyMethod()
            .AllowAnyHeader()
            .AllowCredentials()
            .WithExposedHeaders(RealmRedirectEndpoints.LocationHeader)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return builder;
    }

    /// <summary>
    /// CORS on the Realm paths, outermost, so that preflights are answered and every answer, an error too, carries the
    /// headers a browser app on another origin needs to read it.
    /// </summary>
    public static WebApplication UseRealmCors(this WebApplication app)
    {
        app.UseWhen(context => IsRealmPath(context.Request.Path), realm => realm.UseCors(CorsPolicy));
        return app;
    }
}
