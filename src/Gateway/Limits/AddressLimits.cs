using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Limits;

/// <summary>
/// Limits per client address on the routes marked for them, past which an address gets 429 <c>rate-limited</c>
/// with Retry-After: its concurrent <see cref="PasswordChecks"/>, and how many devices it may register in an hour.
/// </summary>
public static class AddressLimits
{
    /// <summary>Counts the route's password checks with the client address's concurrent ones.</summary>
    public static TBuilder ChecksPasswords<TBuilder>(this TBuilder route) where TBuilder : IEndpointConventionBuilder =>
        route.AddEndpointFilter((context, next) => context.HttpContext.RequestServices.GetRequiredService<PasswordChecks>().RunAsync(context, next));

    /// <summary>Counts the route's requests with the client address's device registrations of the hour.</summary>
    public static TBuilder RegistersDevices<TBuilder>(this TBuilder route) where TBuilder : IEndpointConventionBuilder =>
        route.WithMetadata(new RegistersDevicesRoute());

    /// <summary>The gateway-wide limiter: device registrations per client address and hour on the marked routes.</summary>
    public static PartitionedRateLimiter<HttpContext> Create() => PartitionedRateLimiter.Create<HttpContext, string>(context =>
    {
        var perHour = context.RequestServices.GetRequiredService<IOptions<SessionsOptions>>().Value.RateLimits.PerAddressDeviceRegistrationsPerHour;
        return context.GetEndpoint()?.Metadata.GetMetadata<RegistersDevicesRoute>() is null || perHour == 0
            ? RateLimitPartition.GetNoLimiter(string.Empty)
            : RateLimitPartition.GetFixedWindowLimiter(RateLimits.ClientAddress(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perHour,
                Window = TimeSpan.FromHours(1),
                QueueLimit = 0,
            });
    });

    private sealed record RegistersDevicesRoute;
}
