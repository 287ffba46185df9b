using Microsoft.Extensions.Options;

namespace OrleansSessions.Grains;

/// <summary>Refuses, at start-up, a session policy the grains could not enforce sensibly.</summary>
public sealed class SessionPolicyValidator : IValidateOptions<SessionPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionPolicyOptions options)
    {
        List<string> problems = [];
        Check(options.RefreshTokenLifetime >= TimeSpan.FromMinutes(30) && options.RefreshTokenLifetime <= TimeSpan.FromDays(180),
            "RefreshTokenLifetime must be from 30 minutes to 180 days");
        Check(options.SessionIdleTimeout is null || options.SessionIdleTimeout > TimeSpan.Zero,
            "SessionIdleTimeout must be positive when set");
        Check(options.ConfirmationTokenLifetime > TimeSpan.Zero, "ConfirmationTokenLifetime must be positive");
        Check(options.PasswordResetTokenLifetime > TimeSpan.Zero, "PasswordResetTokenLifetime must be positive");
        Check(options.RefreshTokenReuseGrace >= TimeSpan.Zero, "RefreshTokenReuseGrace must not be negative");
        Check(options.RecentlyEndedSessionsKept >= 0, "RecentlyEndedSessionsKept must not be negative");
        Check(options.RetiredRefreshTokensKept >= 0, "RetiredRefreshTokensKept must not be negative");
        Check(options.AuditEventsKept >= 0, "AuditEventsKept must not be negative");
        Check(options.Lockout.MaxFailures >= 1, "Lockout:MaxFailures must be at least 1");
        Check(options.Lockout.Window > TimeSpan.Zero, "Lockout:Window must be positive");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);

        void Check(bool valid, string problem)
        {
            if (!valid)
            {
                problems.Add($"{SessionPolicyOptions.Section}:{problem}.");
            }
        }
    }
}
