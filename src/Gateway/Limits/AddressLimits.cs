using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Limits;

/// <summary>
/// Limits per client address on the routes marked for them, past which an address gets 429 <c>rate-limited</c>
/// with Retry-After: how many password checks (login, register, reset, password change, link) it may have running
/// at once, so that one address flooding logins holds at most that many of the silos' hashing slots; and how many
/// devices it may register in an hour.
/// </summary>
public static class AddressLimits
{
    private enum Limited
    {
        None,
        PasswordCheck,
        DeviceRegistration,
    }

    /// <summary>Counts the route's requests with the client address's concurrent password checks.</summary>
    public static TBuilder ChecksPasswords<TBuilder>(this TBuilder route) where TBuilder : IEndpointConventionBuilder =>
        route.WithMetadata(new LimitedRoute(Limited.PasswordCheck));

    /// <summary>Counts the route's requests with the client address's device registrations of the hour.</summary>
    public static TBuilder RegistersDevices<TBuilder>(this TBuilder route) where TBuilder : IEndpointConventionBuilder =>
        route.WithMetadata(new LimitedRoute(Limited.DeviceRegistration));

    /// <summary>The gateway-wide limiter: one limit per client address and kind of marked route.</summary>
    public static PartitionedRateLimiter<HttpContext> Create() => PartitionedRateLimiter.Create<HttpContext, (string, Limited)>(context =>
    {
        var options = context.RequestServices.GetRequiredService<IOptions<SessionsOptions>>().Value.RateLimits;
        var address = RateLimits.ClientAddress(context);
        return context.GetEndpoint()?.Metadata.GetMetadata<LimitedRoute>()?.Kind switch
        {
            Limited.PasswordCheck when options.PerAddressConcurrentPasswordChecks > 0 => RateLimitPartition.GetConcurrencyLimiter(
                (address, Limited.PasswordCheck),
                _ => new ConcurrencyLimiterOptions { PermitLimit = options.PerAddressConcurrentPasswordChecks, QueueLimit = 0 }),
            Limited.DeviceRegistration when options.PerAddressDeviceRegistrationsPerHour > 0 => RateLimitPartition.GetFixedWindowLimiter(
                (address, Limited.DeviceRegistration),
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PerAddressDeviceRegistrationsPerHour,
                    Window = TimeSpan.FromHours(1),
                    QueueLimit = 0,
                }),
            _ => RateLimitPartition.GetNoLimiter((string.Empty, Limited.None)),
        };
    });

    private sealed record LimitedRoute(Limited Kind);
}
