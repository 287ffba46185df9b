using OrleansSessions.Abstractions;
using OrleansSessions.Grains.Identities;

namespace OrleansSessions.Grains.Tests.Unit;

/// <summary>Per-account lockout: ten failures in fifteen minutes lock the account until the window passes.</summary>
public sealed class LoginFailuresTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly LockoutOptions _options = new() { MaxFailures = 3, Window = TimeSpan.FromMinutes(15) };

    [Fact]
    public void The_limit_locks_until_the_window_that_began_with_the_first_failure_has_passed()
    {
        var failures = new LoginFailures(_options);
        for (var i = 0; i < 3; i++)
        {
            failures.EnsureNotLocked(T0.AddMinutes(i));
            failures.Record(T0.AddMinutes(i));
        }

        var refusal = Assert.Throws<SessionsException>(() => failures.EnsureNotLocked(T0.AddMinutes(5)));
        Assert.Equal(ErrorCodes.RateLimited, refusal.Code);
        Assert.Equal(TimeSpan.FromMinutes(10), refusal.RetryAfter);

        failures.EnsureNotLocked(T0.AddMinutes(15));
    }

    [Fact]
    public void A_success_starts_the_count_over()
    {
        var failures = new LoginFailures(_options);
        failures.Record(T0);
        failures.Record(T0);
        failures.Reset();
        failures.Record(T0);
        failures.Record(T0);

        failures.EnsureNotLocked(T0);
    }

    [Fact]
    public void Failures_spread_wider_than_the_window_never_lock()
    {
        var failures = new LoginFailures(_options);
        for (var i = 0; i < 10; i++)
        {
            var at = T0.AddMinutes(i * 8);
            failures.EnsureNotLocked(at);
            failures.Record(at);
        }
    }
}
