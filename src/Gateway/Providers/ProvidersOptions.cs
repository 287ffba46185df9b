using System.ComponentModel.DataAnnotations;

namespace OrleansSessions.Gateway.Providers;

/// <summary>
/// The sign-in methods beyond email/password, anonymous and custom tokens (<c>Sessions:Providers</c>, PROVIDERS.md's
/// Configuration). Each is off until its first key is set; a provider that is on but incomplete stops the start.
/// </summary>
public sealed class ProvidersOptions : IValidatableObject
{
    public const string Section = "Sessions:Providers";

    public GoogleOptions Google { get; set; } = new();

    public AppleOptions Apple { get; set; } = new();

    public FacebookOptions Facebook { get; set; } = new();

    public CustomFunctionOptions CustomFunction { get; set; } = new();

    public OidcOptions Oidc { get; set; } = new();

    /// <summary>How long any outbound call (discovery, JWKS, token endpoint, Graph API) may take.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a redirect (popup) login may take, from its start to the provider's return.</summary>
    public TimeSpan RedirectFlowLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HttpTimeout <= TimeSpan.Zero || HttpTimeout > TimeSpan.FromMinutes(2))
        {
            yield return new ValidationResult("must be positive and at most 2 minutes", [nameof(HttpTimeout)]);
        }

        if (RedirectFlowLifetime <= TimeSpan.Zero || RedirectFlowLifetime > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("must be positive and at most an hour", [nameof(RedirectFlowLifetime)]);
        }

        var problems = Google.Problems().Select(p => (nameof(Google), p))
            .Concat(Apple.Problems().Select(p => (nameof(Apple), p)))
            .Concat(Facebook.Problems().Select(p => (nameof(Facebook), p)))
            .Concat(CustomFunction.Problems().Select(p => (nameof(CustomFunction), p)))
            .Concat(Oidc.Problems().Select(p => (nameof(Oidc), p)));
        foreach (var (provider, (key, message)) in problems)
        {
            yield return new ValidationResult(message, [$"{provider}:{key}"]);
        }
    }

    /// <summary>The items of a comma-separated setting.</summary>
    public static IReadOnlyList<string> List(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>An address an outbound call may go to: https, or http on loopback (a local stand-in).</summary>
    public static bool IsOutboundAddress(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);

    internal static IEnumerable<(string Key, string Message)> AddressProblem(string key, string? value) =>
        IsOutboundAddress(value) ? [] : [(key, "must be an https URL (or http on loopback)")];
}
