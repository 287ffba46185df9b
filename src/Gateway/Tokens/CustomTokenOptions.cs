namespace OrleansSessions.Gateway.Tokens;

/// <summary>
/// The <c>custom-token</c> provider (<c>Sessions:CustomToken</c>): JWTs from an external issuer, checked against
/// its keys (a JWKS document or PEM public keys). The provider is off while no issuer is set.
/// </summary>
public sealed class CustomTokenOptions
{
    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    /// <summary>Where the issuer publishes its keys as a JWKS document.</summary>
    public string? JwksUri { get; set; }

    /// <summary>The issuer's public key(s), PEM (RSA or EC); several may follow each other.</summary>
    public string? PublicKeyPem { get; set; }

    /// <summary>The signature algorithms accepted, comma-separated (asymmetric ones only).</summary>
    public string Algorithms { get; set; } = "RS256,ES256";

    /// <summary>Claims of the token copied into the user's custom data at each login, comma-separated.</summary>
    public string CopiedClaims { get; set; } = "";

    public bool Enabled => !string.IsNullOrWhiteSpace(Issuer);

    public static IReadOnlyList<string> List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
