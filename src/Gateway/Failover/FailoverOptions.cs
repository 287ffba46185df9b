using System.ComponentModel.DataAnnotations;

namespace OrleansSessions.Gateway.Failover;

/// <summary>
/// How long a gateway hides a lost silo from its callers (configuration section <c>Sessions:Failover</c>). A grain
/// call is given up after <see cref="CallTimeout"/> (Orleans's response timeout on the gateway) and sent again while
/// the request is within its <see cref="RequestDeadline"/>; past it the request is answered 503 <c>unavailable</c>
/// with <c>Retry-After</c>, so no client waits much longer than the deadline.
/// </summary>
public sealed class FailoverOptions : IValidatableObject
{
    public const string Section = "Sessions:Failover";

    /// <summary>How long one request may spend on grain calls, retries included.</summary>
    public TimeSpan RequestDeadline { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How long one grain call may go unanswered (a hung silo) before it is given up.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The <c>Retry-After</c> of a 503 <c>unavailable</c>.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CallTimeout < TimeSpan.FromMilliseconds(100) || CallTimeout > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("must be from 100 ms to 5 minutes", [nameof(CallTimeout)]);
        }

        if (RequestDeadline < CallTimeout || RequestDeadline > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult($"must be from {nameof(CallTimeout)} to 5 minutes", [nameof(RequestDeadline)]);
        }

        if (RetryAfter < TimeSpan.FromSeconds(1) || RetryAfter > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("must be from 1 second to 1 hour", [nameof(RetryAfter)]);
        }
    }
}
