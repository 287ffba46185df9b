using System.ComponentModel.DataAnnotations;

namespace OrleansSessions.Grains;

/// <summary>Failed logins of one account before further attempts are refused for a while (<c>Sessions:Lockout</c>).</summary>
public sealed class LockoutOptions
{
    [Range(1, int.MaxValue)]
    public int MaxFailures { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", SessionPolicyOptions.Forever)]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}
