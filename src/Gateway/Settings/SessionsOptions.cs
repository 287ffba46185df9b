using System.ComponentModel.DataAnnotations;
using OrleansSessions.Gateway.Limits;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Settings;

/// <summary>
/// The gateway's settings (configuration section <c>Sessions</c>; API.md lists the keys). The session policy the
/// grains enforce (refresh lifetime, idle timeout, lockout) is the silos' <c>SessionPolicyOptions</c>.
/// </summary>
public sealed class SessionsOptions : IValidatableObject
{
    public const string Section = "Sessions";

    /// <summary>The key of the admin API; while unset, admin routes answer 401.</summary>
    public string? AdminApiKey { get; set; }

    public bool RequireEmailConfirmation { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public bool AllowSwitchWithoutReauthentication { get; set; } = true;

    [Range(1, 1000)]
    public int MaxUsersPerDevice { get; set; } = 20;

    /// <summary>The <c>iss</c> and <c>aud</c> of this tier's access tokens.</summary>
    [Required]
    public string Issuer { get; set; } = "orleans-sessions";

    [Required]
    public string Audience { get; set; } = "orleans-sessions";

    /// <summary>How far a token's expiry and not-before may be off (SPEC.md: at most 5 seconds).</summary>
    public TimeSpan ClockLeeway { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest request body accepted (413 beyond it).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>The largest custom data object an admin may set.</summary>
    [Range(2, 1024 * 1024)]
    public int MaxCustomDataBytes { get; set; } = 16 * 1024;

    public CustomTokenOptions CustomToken { get; set; } = new();

    /// <summary>Requests per client address on login, register, confirm and device registration.</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AccessTokenLifetime <= TimeSpan.Zero)
        {
            yield return new ValidationResult("must be positive", [nameof(AccessTokenLifetime)]);
        }

        if (ClockLeeway < TimeSpan.Zero || ClockLeeway > TimeSpan.FromSeconds(5))
        {
            yield return new ValidationResult("must be from 0 to 5 seconds", [nameof(ClockLeeway)]);
        }
    }
}
