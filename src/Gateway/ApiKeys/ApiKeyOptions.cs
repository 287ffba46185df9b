using System.ComponentModel.DataAnnotations;

namespace OrleansSessions.Gateway.ApiKeys;

/// <summary>
/// API keys (configuration section <c>Sessions:ApiKeys</c>): off by default; while off, an <c>api-key</c> login is
/// <c>validation-failed</c> and the key routes are not there (404).
/// </summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Sessions:ApiKeys";

    public bool Enabled { get; set; }

    /// <summary>How many keys one user may have.</summary>
    [Range(1, 1000)]
    public int MaxPerUser { get; set; } = 20;

    /// <summary>How many server keys there may be.</summary>
    [Range(1, 10_000)]
    public int MaxServerKeys { get; set; } = 100;
}
