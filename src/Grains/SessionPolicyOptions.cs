using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OrleansSessions.Grains;

/// <summary>
/// The lifetimes the grains enforce (configuration section <c>Sessions</c>); each rule is a data annotation, checked
/// when the silo starts.
/// </summary>
public sealed class SessionPolicyOptions
{
    public const string Section = "Sessions";

    /// <summary>The longest duration (<see cref="TimeSpan.MaxValue"/>), as an upper bound of a range.</summary>
    public const string Forever = "10675199.02:48:05.4775807";

    /// <summary>How long a session (its refresh token) lives: 60 days by default, 30 minutes to 180 days.</summary>
    [Range(typeof(TimeSpan), "00:30:00", "180.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(60);

    /// <summary>
    /// How long a session may go unused (no refresh, no request) before it ends; none by default, so a session
    /// lives its whole refresh lifetime, which is absolute: it counts from the login and no refresh extends it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", Forever)]
    public TimeSpan? SessionIdleTimeout { get; set; }

    /// <summary>How long an email confirmation token stays valid.</summary>
    [Range(typeof(TimeSpan), "00:00:01", Forever)]
    public TimeSpan ConfirmationTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many recently ended sessions a user remembers, so their refresh tokens log out quietly.</summary>
    [Range(0, int.MaxValue)]
    public int RecentlyEndedSessionsKept { get; set; } = 20;

    /// <summary>How long a rotated refresh token still gets the same successor (several tabs refreshing at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00", Forever)]
    public TimeSpan RefreshTokenReuseGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many older refresh tokens of a session are remembered to detect their reuse.</summary>
    [Range(0, int.MaxValue)]
    public int RetiredRefreshTokensKept { get; set; } = 16;

    /// <summary>How long a password reset token stays valid.</summary>
    [Range(typeof(TimeSpan), "00:00:01", Forever)]
    public TimeSpan PasswordResetTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    [ValidateObjectMembers]
    public LockoutOptions Lockout { get; set; } = new();

    /// <summary>
    /// How many live sessions (one a device) a user may have: a login on one more device ends the least recently
    /// used session, as signing in on a new device past a streaming service's limit signs out the forgotten one.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxSessionsPerUser { get; set; } = 100;

    /// <summary>How many audit events a user keeps.</summary>
    [Range(0, int.MaxValue)]
    public int AuditEventsKept { get; set; } = 100;
}
