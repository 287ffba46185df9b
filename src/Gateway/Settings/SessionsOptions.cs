using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using OrleansSessions.Gateway.Limits;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Settings;

/// <summary>
/// The gateway's settings (configuration section <c>Sessions</c>; API.md lists the keys). The session policy the
/// grains enforce (refresh lifetime, idle timeout, lockout) is the silos' <c>SessionPolicyOptions</c>. Every rule is a
/// data annotation, nested sections included (<see cref="ValidateObjectMembersAttribute"/>), checked at start.
/// </summary>
public sealed class SessionsOptions
{
    public const string Section = "Sessions";

    /// <summary>The key of the admin API; while unset, admin routes answer 401.</summary>
    public string? AdminApiKey { get; set; }

    public bool RequireEmailConfirmation { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
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
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan ClockLeeway { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest request body accepted (413 beyond it).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>The largest custom data object an admin may set.</summary>
    [Range(2, 1024 * 1024)]
    public int MaxCustomDataBytes { get; set; } = 16 * 1024;

    /// <summary>How many live event streams one device may have open on one gateway (429 past it).</summary>
    [Range(1, 1000)]
    public int MaxEventStreamsPerDevice { get; set; } = 8;

    [ValidateObjectMembers]
    public CustomTokenOptions CustomToken { get; set; } = new();

    /// <summary>Requests per client address on login, register, confirm and device registration.</summary>
    [ValidateObjectMembers]
    public RateLimitOptions RateLimits { get; set; } = new();

}
