namespace OrleansSessions.Gateway.Startup;

/// <summary>
/// The address of the peer of a request's own TCP connection, kept before anything rewrites
/// <c>HttpContext.Connection.RemoteIpAddress</c> (the forwarded-headers middleware does when
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> is on, from <c>X-Forwarded-For</c>, which any client can send).
/// Access decisions about "this machine" are made on it, never on a header.
/// </summary>
public sealed record ConnectionAddress(System.Net.IPAddress? Peer)
{
    /// <summary>The connection's own peer address, or null where no middleware recorded it.</summary>
    public static System.Net.IPAddress? Of(HttpContext context) => context.Features.Get<ConnectionAddress>()?.Peer;

    /// <summary>
    /// Records every request's connection address, in a startup filter put ahead of every other one (the
    /// forwarded-headers middleware comes from such a filter), so that it runs first.
    /// </summary>
    public static void KeepFirst(IServiceCollection services) =>
        services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter, Recorder>());

    private sealed class Recorder : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Features.Set(new ConnectionAddress(context.Connection.RemoteIpAddress));
                return following(context);
            });
            next(app);
        };
    }
}
