using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Limits;

/// <summary>
/// The routes that hash or check a password (login, register, reset, password change, link) and the limit on how
/// many of them one client address may have running at once: past it, 429 <c>rate-limited</c> with Retry-After at
/// once, so that one address flooding logins holds at most that many of the silos' hashing slots.
/// </summary>
public static class PasswordChecks
{
    private static readonly PasswordCheckRoute Marker = new();

    /// <summary>Counts the route's requests with the client address's concurrent password checks.</summary>
    public static TBuilder ChecksPasswords<TBuilder>(this TBuilder route) where TBuilder : IEndpointConventionBuilder =>
        route.WithMetadata(Marker);

    /// <summary>The gateway-wide limiter: one concurrency limit per client address, on the marked routes only.</summary>
    public static PartitionedRateLimiter<HttpContext> PerAddressLimiter() => PartitionedRateLimiter.Create<HttpContext, string>(context =>
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<SessionsOptions>>().Value
            .RateLimits.PerAddressConcurrentPasswordChecks;
        if (limit == 0 || context.GetEndpoint()?.Metadata.GetMetadata<PasswordCheckRoute>() is null)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        return RateLimitPartition.GetConcurrencyLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new ConcurrencyLimiterOptions { PermitLimit = limit, QueueLimit = 0 });
    });

    private sealed record PasswordCheckRoute;
}
