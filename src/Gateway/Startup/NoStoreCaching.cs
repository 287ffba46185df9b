using OrleansSessions.Gateway.Realm;

namespace OrleansSessions.Gateway.Startup;

/// <summary>
/// Every answer of the APIs (<c>/v1</c> and the Realm one) says <c>Cache-Control: no-store</c>: many carry a token or
/// a key (device registration, login, refresh, switch, Realm login), and none is for a shared cache to keep.
/// </summary>
public static class NoStoreCaching
{
    public static WebApplication UseNoStoreOnApis(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/v1") || RealmApi.IsRealmPath(context.Request.Path))
            {
                context.Response.Headers.CacheControl = "no-store";
            }

            return next(context);
        });
        return app;
    }
}
