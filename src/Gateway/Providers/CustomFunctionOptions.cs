namespace OrleansSessions.Gateway.Providers;

/// <summary><c>Sessions:Providers:CustomFunction</c>: the signed webhook, on once <c>Url</c> is set.</summary>
public sealed class CustomFunctionOptions
{
    public const int MinimumSecretLength = 32;

    public string? Url { get; set; }

    /// <summary>The HMAC-SHA256 key the webhook checks the signature with.</summary>
    public string? Secret { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    public IEnumerable<(string Key, string Message)> Problems()
    {
        if (!Enabled)
        {
            yield break;
        }

        foreach (var problem in ProvidersOptions.AddressProblem(nameof(Url), Url))
        {
            yield return problem;
        }

        if ((Secret?.Length ?? 0) < MinimumSecretLength)
        {
            yield return (nameof(Secret), $"must be at least {MinimumSecretLength} characters");
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(2))
        {
            yield return (nameof(Timeout), "must be positive and at most 2 minutes");
        }
    }
}
