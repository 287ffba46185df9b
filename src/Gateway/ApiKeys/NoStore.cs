namespace OrleansSessions.Gateway.ApiKeys;

/// <summary>
/// <c>Cache-Control: no-store</c> on every answer of a group of routes, for the routes whose answers may carry a key's
/// secret: no cache between the client and the service may keep it.
/// </summary>
public static class NoStore
{
    public static RouteGroupBuilder WithNoStore(this RouteGroupBuilder group) => group.AddEndpointFilter((context, next) =>
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return next(context);
    });
}
