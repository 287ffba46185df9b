namespace OrleansSessions.Gateway.Startup;

/// <summary>
/// The gateway's own web pages, static files of wwwroot: the account-switcher page under <c>/app/</c> and the admin
/// console under <c>/admin/</c> (<c>/app</c> and <c>/admin</c> redirect there). Every answer under either carries a
/// strict Content-Security-Policy: the page's own script, style and API calls only, no inline script, no framing.
/// </summary>
public static class WebPages
{
    public const string AccountSwitcher = "/app";
    public const string AdminConsole = "/admin";

    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseWebPages(this WebApplication app)
    {
        foreach (var path in new[] { AccountSwitcher, AdminConsole })
        {
            app.UseWhen(context => context.Request.Path.StartsWithSegments(path), page =>
            {
                page.Use(async (context, next) =>
                {
                    var headers = context.Response.Headers;
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XContentTypeOptions = "nosniff";
                    headers["Referrer-Policy"] = "no-referrer";
                    if (context.Request.Path.Value == path)
                    {
                        context.Response.Redirect($"{path}/{context.Request.QueryString}");
                        return;
                    }

                    await next(context);
                });
                page.UseDefaultFiles();
                page.UseStaticFiles();
            });
        }

        return app;
    }
}
