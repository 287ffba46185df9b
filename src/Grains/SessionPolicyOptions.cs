namespace OrleansSessions.Grains;

/// <summary>The lifetimes the grains enforce (configuration section <c>Sessions</c>).</summary>
public sealed class SessionPolicyOptions
{
    public const string Section = "Sessions";

    /// <summary>How long a session (its refresh token) lives: 60 days by default, 30 minutes to 180 days.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(60);

    /// <summary>
    /// How long a session may go unused (no refresh, no request) before it ends; none by default, so a session
    /// lives its whole refresh lifetime, which is absolute: it counts from the login and no refresh extends it.
    /// </summary>
    public TimeSpan? SessionIdleTimeout { get; set; }

    /// <summary>How long an email confirmation token stays valid.</summary>
    public TimeSpan ConfirmationTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many recently ended sessions a user remembers, so their refresh tokens log out quietly.</summary>
    public int RecentlyEndedSessionsKept { get; set; } = 20;

    /// <summary>How long a rotated refresh token still gets the same successor (several tabs refreshing at once).</summary>
    public TimeSpan RefreshTokenReuseGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many older refresh tokens of a session are remembered to detect their reuse.</summary>
    public int RetiredRefreshTokensKept { get; set; } = 16;

    /// <summary>How long a password reset token stays valid.</summary>
    public TimeSpan PasswordResetTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public LockoutOptions Lockout { get; set; } = new();

    /// <summary>How many audit events a user keeps.</summary>
    public int AuditEventsKept { get; set; } = 100;
}
