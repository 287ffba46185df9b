using OrleansSessions.Abstractions;

namespace OrleansSessions.Grains.Identities;

/// <summary>
/// The failed logins of one account within a window: past the limit, attempts are refused until the window that
/// began with the first failure has passed. A successful login starts over.
/// </summary>
public sealed class LoginFailures(LockoutOptions options)
{
    private int _count;
    private DateTimeOffset _windowStart;

    public void EnsureNotLocked(DateTimeOffset now)
    {
        if (now - _windowStart >= options.Window)
        {
            Reset();
        }

        if (_count >= options.MaxFailures)
        {
            throw new SessionsException(ErrorCodes.RateLimited, "Too many failed logins; try again later.")
            {
                RetryAfter = _windowStart + options.Window - now,
            };
        }
    }

    public void Record(DateTimeOffset now)
    {
        if (_count == 0)
        {
            _windowStart = now;
        }

        _count++;
    }

    public void Reset() => _count = 0;
}
