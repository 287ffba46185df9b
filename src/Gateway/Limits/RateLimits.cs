using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Limits;

/// <summary>
/// Per-client-address rate limiting (ASP.NET Core's), answered with a 429 problem and Retry-After: a token bucket on
/// the routes of <see cref="PerAddress"/>, and the <see cref="AddressLimits"/> of each address.
/// </summary>
public static class RateLimits
{
    public const string PerAddress = "per-address";

    public static IServiceCollection AddSessionRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = Reject;
            limiter.GlobalLimiter = AddressLimits.Create();
            limiter.AddPolicy(PerAddress, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<SessionsOptions>>().Value.RateLimits;
                var address = ClientAddress(context);
                return options.PerAddressPerSecond == 0
                    ? RateLimitPartition.GetNoLimiter(address)
                    : RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.PerAddressBurst,
                        TokensPerPeriod = options.PerAddressPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
        });

    /// <summary>The client's address that limits count by (the proxy's <c>X-Forwarded-For</c> when forwarded headers are on).</summary>
    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static string Seconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static async ValueTask Reject(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        http.Response.Headers.RetryAfter = Seconds(wait);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Detail = "Too many requests from this address; try again later.",
                Extensions = { ["code"] = ErrorCodes.RateLimited },
            },
        });
    }
}
