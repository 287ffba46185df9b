namespace OrleansSessions.Grains;

/// <summary>Failed logins of one account before further attempts are refused for a while (<c>Sessions:Lockout</c>).</summary>
public sealed class LockoutOptions
{
    public int MaxFailures { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}
