using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Gateway.Failover;
using OrleansSessions.Gateway.Limits;

namespace OrleansSessions.Gateway.Problems;

/// <summary>
/// Turns every failure into an RFC 9457 problem response with a stable <c>code</c>: a rule's refusal, a request
/// ASP.NET Core could not read (malformed JSON, too large, wrong content type), an unreachable cluster. A failure is
/// logged as an error unless it is a refusal (<see cref="SessionsException"/>: an outside party's outage is logged,
/// as a warning, where it is met).
/// </summary>
public sealed partial class ProblemExceptionHandler(
    IProblemDetailsService problems, IOptions<FailoverOptions> failover, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (code, detail) = exception switch
        {
            SessionsException refusal => (refusal.Code, refusal.Message),
            BadHttpRequestException bad => (ErrorStatus.CodeOf(bad.StatusCode), Describe(bad)),
            _ when SiloLossRetry.IsSiloLoss(exception) =>
                (ErrorCodes.Unavailable, "The session cluster is not reachable; try again."),
            _ => ("internal-error", "An unexpected error occurred."),
        };
        var status = exception is BadHttpRequestException unreadable ? unreadable.StatusCode : StatusOnThisRoute(context, code);
        if (status >= 500 && exception is not SessionsException)
        {
            LogFailure(exception, context.Request.Method, context.Request.Path);
        }

        context.Response.StatusCode = status;
        if (exception is SessionsException { RetryAfter: { } retryAfter })
        {
            context.Response.Headers.RetryAfter = RateLimits.Seconds(retryAfter);
        }
        else if (code == ErrorCodes.Unavailable)
        {
            context.Response.Headers.RetryAfter = RateLimits.Seconds(failover.Value.RetryAfter);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail, Extensions = { ["code"] = code } },
        });
    }

    /// <summary>The code's status, unless the route that failed gives it another (<see cref="StatusOfCode"/>).</summary>
    private static int StatusOnThisRoute(HttpContext context, string code) =>
        context.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetOrderedMetadata<StatusOfCode>()
            .FirstOrDefault(o => o.Code == code)?.Status
        ?? ErrorStatus.Of(code);

    private static string Describe(BadHttpRequestException bad) => bad.StatusCode switch
    {
        413 or 415 => ErrorStatus.DetailOf(bad.StatusCode),
        _ => bad.InnerException is System.Text.Json.JsonException ? "The request body is not valid JSON." : bad.Message,
    };

    [LoggerMessage(1, LogLevel.Error, "Request {Method} {Path} failed")]
    private partial void LogFailure(Exception exception, string method, string path);
}
