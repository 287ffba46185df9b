namespace OrleansSessions.Gateway.Startup;

/// <summary>
/// The account-switcher page: the static files of wwwroot/app served under <c>/app/</c> (<c>/app</c> redirects
/// there). Every answer under <c>/app</c> carries a strict Content-Security-Policy: the page's own script, style
/// and API calls only, no inline script, no framing.
/// </summary>
public static class AccountSwitcherPage
{
    public const string Path = "/app";

    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseAccountSwitcherPage(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), page =>
        {
            page.Use(async (context, next) =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (context.Request.Path.Value == Path)
                {
                    context.Response.Redirect($"{Path}/{context.Request.QueryString}");
                    return;
                }

                await next(context);
            });
            page.UseDefaultFiles();
            page.UseStaticFiles();
        });
        return app;
    }
}
