using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OrleansSessions.Gateway.ApiKeys;
using OrleansSessions.Gateway.Endpoints;
using OrleansSessions.Gateway.Failover;
using OrleansSessions.Gateway.Limits;
using OrleansSessions.Gateway.Realm;

namespace OrleansSessions.Gateway.Startup;

public static class GatewayPipeline
{
    /// <summary>Problem responses for every error, then every route of the API.</summary>
    public static WebApplication MapSessionsApi(this WebApplication app)
    {
        app.UseRequestDeadline();
        app.UseRealmCors();
        app.UseNoStoreOnApis();
        app.UseExceptionHandler();
        app.UseRequestSizeLimits();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseWebPages();

        app.MapDeviceEndpoints();
        app.MapDeviceEventEndpoints();
        app.MapAccountEndpoints();
        app.MapUserEndpoints();
        app.MapAdminEndpoints();
        app.MapTokenEndpoints();
        app.MapRealmEndpoints();
        app.MapApiKeys();

        app.MapSessionsDashboard();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapApiReference();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.Write });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = HealthResponse.Write,
        });
        return app;
    }
}
