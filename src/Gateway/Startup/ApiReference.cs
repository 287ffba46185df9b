using Scalar.AspNetCore;

namespace OrleansSessions.Gateway.Startup;

/// <summary>
/// The API reference at <c>/docs</c> (Scalar), under a Content-Security-Policy it works with: its scripts only by the
/// nonce Scalar sets on them afresh for each page, the OpenAPI document from this origin, and no font from Scalar's
/// CDN. Scalar's components set inline styles, so styles may be inline; nothing may frame the page.
/// </summary>
public static class ApiReference
{
    public const string Path = "/docs";

    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
        + "img-src 'self' data:; font-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), docs => docs.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce)
                {
                    context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
                    context.Response.Headers.XContentTypeOptions = "nosniff";
                }

                return Task.CompletedTask;
            });
            return next(context);
        }));
        app.MapScalarApiReference(Path, docs => docs.WithTitle("OrleansSessions API").WithNonce().DisableDefaultFonts());
        return app;
    }
}
