using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Limits;

/// <summary>
/// Failed authentications per client address (<see cref="RateLimitOptions.FailedAuthenticationsPerMinute"/>): a fixed
/// one-minute window per address (ASP.NET Core's rate limiting primitives) that each failure takes a permit from.
/// While an address has none left, its device and refresh tokens are refused with 429 <c>rate-limited</c> and
/// <c>Retry-After</c> (the rest of the window) before they are even checked.
/// </summary>
public sealed class FailedAuthentications(IOptions<SessionsOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
    {
        var perMinute = options.Value.RateLimits.FailedAuthenticationsPerMinute;
        return perMinute == 0
            ? RateLimitPartition.GetNoLimiter(address)
            : RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
    });

    /// <summary>Refuses the request when its address has no failure left.</summary>
    public void ThrowIfExhausted(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(RateLimits.ClientAddress(context), 0);
        if (!lease.IsAcquired)
        {
            throw new SessionsException(ErrorCodes.RateLimited, "Too many failed authentications from this address; try again later.")
            {
                RetryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1),
            };
        }
    }

    /// <summary>Counts a failure of the request's address and returns the refusal to throw.</summary>
    public SessionsException Failed(HttpContext context, SessionsException refusal)
    {
        _limiter.AttemptAcquire(RateLimits.ClientAddress(context)).Dispose();
        return refusal;
    }

    public void Dispose() => _limiter.Dispose();
}
