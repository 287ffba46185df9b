using Microsoft.Extensions.Options;

namespace OrleansSessions.Gateway.Failover;

/// <summary>
/// When the HTTP request being served must have its answer: set as the request starts, read by
/// <see cref="SiloLossRetry"/> for every grain call the request makes. Calls made outside a request (the device
/// event hub, the health check) get a deadline of their own.
/// </summary>
public static class RequestDeadline
{
    private static readonly AsyncLocal<DateTimeOffset?> Current = new();

    /// <summary>The deadline of the request being served, or one from now for a call outside a request.</summary>
    public static DateTimeOffset Get(TimeProvider time, FailoverOptions options) =>
        Current.Value ?? time.GetUtcNow() + options.RequestDeadline;

    /// <summary>Gives every request its deadline as it starts.</summary>
    public static IApplicationBuilder UseRequestDeadline(this IApplicationBuilder app)
    {
        var time = app.ApplicationServices.GetRequiredService<TimeProvider>();
        var options = app.ApplicationServices.GetRequiredService<IOptions<FailoverOptions>>().Value;
        return app.Use((context, next) =>
        {
            Current.Value = time.GetUtcNow() + options.RequestDeadline;
            return next(context);
        });
    }
}
