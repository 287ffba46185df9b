using System.ComponentModel.DataAnnotations;

namespace OrleansSessions.Gateway.Realm;

/// <summary>
/// The Realm-compatible client API (configuration section <c>Sessions:Realm</c>): which app id it answers to,
/// which browser origins may call it, and the address it tells clients to use.
/// </summary>
public sealed class RealmOptions : IValidatableObject
{
    public const string Section = "Sessions:Realm";

    /// <summary>The app id a realm-web client is configured with; while unset, every app id gets 404.</summary>
    public string? AppId { get; set; }

    /// <summary>Origins of browser apps allowed to call the Realm API (CORS), e.g. <c>https://app.example.com</c>.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// This gateway's public base address, handed to clients by <c>location</c>; when unset, the first address the
    /// gateway listens on (never the request's Host header). Set it whenever clients reach the gateway by another
    /// name: behind a proxy, or listening on every interface.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AppId is not null && (AppId.Length is 0 or > 100 || AppId.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')))
        {
            yield return new ValidationResult("is 1 to 100 letters, digits, '-' or '_'", [nameof(AppId)]);
        }

        foreach (var origin in AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || origin.EndsWith('/'))
            {
                yield return new ValidationResult($"'{origin}' is not an origin (scheme://host[:port])", [nameof(AllowedOrigins)]);
            }
        }

        if (PublicBaseUrl is { IsAbsoluteUri: false })
        {
            yield return new ValidationResult("must be an absolute URL", [nameof(PublicBaseUrl)]);
        }
    }
}
