using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OrleansSessions.Abstractions;

namespace OrleansSessions.Gateway.Limits;

/// <summary>
/// Kestrel answers a request line or headers past its limits itself, with a bare status and before any middleware
/// runs. So Kestrel's limits are set at twice the gateway's, and the gateway refuses what lies between with a
/// problem: 414 <c>uri-too-long</c> past 8 KiB of request target, 431 <c>request-headers-too-large</c> past 32 KiB
/// of headers (Kestrel's own defaults). Past Kestrel's raised limits, and for requests it cannot parse, Kestrel's bare
/// answer stays (docs/security.md).
/// </summary>
public static class RequestSizeLimits
{
    public const int MaxRequestTargetLength = 8 * 1024;
    public const int MaxHeadersLength = 32 * 1024;

    /// <summary>Kestrel's limits, at twice the gateway's so that the gateway meets the requests between.</summary>
    public static void RaiseKestrelLimits(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = 2 * MaxRequestTargetLength;
        limits.MaxRequestHeadersTotalSize = 2 * MaxHeadersLength;
    }

    /// <summary>Refuses a request whose target or headers are past the gateway's limits (after the exception handler).</summary>
    public static IApplicationBuilder UseRequestSizeLimits(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget.Length > MaxRequestTargetLength)
        {
            throw new SessionsException(ErrorCodes.UriTooLong, $"The request target is longer than {MaxRequestTargetLength} characters.");
        }

        if (context.Request.Headers.Sum(header => header.Key.Length + header.Value.Sum(value => value?.Length ?? 0) + 4) > MaxHeadersLength)
        {
            throw new SessionsException(ErrorCodes.RequestHeadersTooLarge, $"The request headers are larger than {MaxHeadersLength} bytes.");
        }

        return next(context);
    });
}
