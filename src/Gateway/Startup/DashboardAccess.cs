using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using OrleansSessions.Gateway.Callers;
using OrleansSessions.Hosting;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Startup;

/// <summary>
/// The Orleans Dashboard at <c>Sessions:Dashboard:Path</c>, when enabled, and never open to the world: a request
/// from this machine (its connection's own peer is loopback: <see cref="ConnectionAddress"/>, never
/// <c>X-Forwarded-For</c>) gets in; any other needs the admin key, as a bearer token or as the password of HTTP Basic
/// authentication (so a browser can ask for it).
/// </summary>
public static class DashboardAccess
{
    public static WebApplication MapSessionsDashboard(this WebApplication app)
    {
        var dashboard = DashboardSettings.From(app.Configuration);
        if (dashboard.Enabled)
        {
            app.MapOrleansDashboard(dashboard.Path).AddEndpointFilter(async (context, next) =>
            {
                var key = context.HttpContext.RequestServices.GetRequiredService<IOptions<SessionsOptions>>().Value.AdminApiKey;
                if (IsAllowed(context.HttpContext, key))
                {
                    return await next(context);
                }

                context.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"OrleansSessions dashboard\"";
                return Results.Unauthorized();
            });
        }

        return app;
    }

    public static bool IsAllowed(HttpContext context, string? adminKey)
    {
        if (ConnectionAddress.Of(context) is { } address && System.Net.IPAddress.IsLoopback(address))
        {
            return true;
        }

        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var header) || header.Parameter is null)
        {
            return false;
        }

        var given = header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
            ? PasswordOf(header.Parameter)
            : header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) ? header.Parameter : null;
        return AdminKeyAuthentication.IsAdminKey(adminKey, given);
    }

    private static string? PasswordOf(string basic)
    {
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic));
            var colon = pair.IndexOf(':');
            return colon < 0 ? null : pair[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
