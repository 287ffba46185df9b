using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Limits;

/// <summary>
/// How many password checks (login, register, reset, password change, link with a password) one client address may
/// have running at once (<see cref="RateLimitOptions.PerAddressConcurrentPasswordChecks"/>), so that one address
/// flooding logins holds at most that many of the silos' hashing slots. As many more wait their turn, oldest first;
/// past them the address gets 429 <c>rate-limited</c> with Retry-After. Logins that check no password (anonymous,
/// tokens of other providers, API keys) are not counted.
/// </summary>
public sealed class PasswordChecks(IOptions<SessionsOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
    {
        var permits = options.Value.RateLimits.PerAddressConcurrentPasswordChecks;
        return permits == 0
            ? RateLimitPartition.GetNoLimiter(address)
            : RateLimitPartition.GetConcurrencyLimiter(address, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = permits,
                QueueLimit = permits,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
    });

    public void Dispose() => _limiter.Dispose();

    /// <summary>Runs a request of a route marked by <see cref="AddressLimits.ChecksPasswords"/> within its address's limit.</summary>
    public async ValueTask<object?> RunAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!ChecksPassword(context))
        {
            return await next(context);
        }

        var http = context.HttpContext;
        using var lease = await _limiter.AcquireAsync(RateLimits.ClientAddress(http), 1, http.RequestAborted);
        return lease.IsAcquired
            ? await next(context)
            : throw new SessionsException(ErrorCodes.RateLimited, "Too many password checks from this address at once; try again shortly.")
            {
                RetryAfter = TimeSpan.FromSeconds(1),
            };
    }

    /// <summary>Whether the request checks a password: a login or link with it, or any other route marked for it.</summary>
    private static bool ChecksPassword(EndpointFilterInvocationContext context) =>
        context.Arguments.OfType<Credentials>().FirstOrDefault() is { } credentials
            ? credentials.Provider == ProviderTypes.LocalUserPass
            : context.HttpContext.Request.RouteValues["provider"] is not string provider || provider == ProviderTypes.LocalUserPass;
}
