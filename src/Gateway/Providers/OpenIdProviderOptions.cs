namespace OrleansSessions.Gateway.Providers;

/// <summary>What every OpenID Provider's settings share: whose ID tokens, and for which client ids.</summary>
public abstract class OpenIdProviderOptions
{
    public string? ClientId { get; set; }

    /// <summary>More accepted <c>aud</c> values (other apps' client ids), comma-separated.</summary>
    public string? AdditionalAudiences { get; set; }

    public abstract string? Issuer { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(EnablingKey);

    /// <summary>The setting whose value turns the provider on.</summary>
    protected virtual string? EnablingKey => ClientId;

    public IReadOnlyList<string> Audiences => [ClientId!, .. ProvidersOptions.List(AdditionalAudiences)];

    public virtual IEnumerable<(string Key, string Message)> Problems()
    {
        if (!Enabled)
        {
            return [];
        }

        return string.IsNullOrWhiteSpace(ClientId)
            ? [(nameof(ClientId), "is required")]
            : ProvidersOptions.AddressProblem(nameof(Issuer), Issuer);
    }
}

/// <summary><c>Sessions:Providers:Google</c>: on once <c>ClientId</c> is set.</summary>
public sealed class GoogleOptions : OpenIdProviderOptions
{
    public const string DefaultIssuer = "https://accounts.google.com";

    public override string? Issuer { get; set; } = DefaultIssuer;

    /// <summary>For <c>authCode</c> logins: the secret the service redeems a code with.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The <c>redirect_uri</c> a code was issued for (<c>postmessage</c> for Google's JavaScript clients).</summary>
    public string AuthCodeRedirectUri { get; set; } = "postmessage";
}

/// <summary><c>Sessions:Providers:Apple</c>: on once <c>ClientId</c> (bundle id or services id) is set.</summary>
public sealed class AppleOptions : OpenIdProviderOptions
{
    public override string? Issuer { get; set; } = "https://appleid.apple.com";
}

/// <summary><c>Sessions:Providers:Oidc</c>: any OpenID Provider, on once <c>Issuer</c> is set.</summary>
public sealed class OidcOptions : OpenIdProviderOptions
{
    public override string? Issuer { get; set; }

    /// <summary>The signature algorithms accepted, comma-separated (asymmetric ones only).</summary>
    public string Algorithms { get; set; } = "RS256,ES256";

    protected override string? EnablingKey => Issuer;
}
