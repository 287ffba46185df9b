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

    /// <summary>For <c>authCode</c> logins and redirects: the secret the service redeems a code with.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The <c>redirect_uri</c> a code was issued for (<c>postmessage</c> for Google's JavaScript clients).</summary>
    public string AuthCodeRedirectUri { get; set; } = "postmessage";

    /// <summary>The app pages a redirect login may return to (exactly); none turns the redirect flow off.</summary>
    public List<string> RedirectUris { get; set; } = [];

    public override IEnumerable<(string Key, string Message)> Problems() => !Enabled ? [] : base.Problems()
        .Concat(RedirectSettings.Problems(RedirectUris, hasSecret: !string.IsNullOrWhiteSpace(ClientSecret), nameof(ClientSecret)));
}

/// <summary><c>Sessions:Providers:Apple</c>: on once <c>ClientId</c> (bundle id or services id) is set.</summary>
public sealed class AppleOptions : OpenIdProviderOptions
{
    public override string? Issuer { get; set; } = "https://appleid.apple.com";

    /// <summary>A client secret made elsewhere; otherwise the service mints one from the key below.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The Apple developer team id: the <c>iss</c> of a minted client secret.</summary>
    public string? TeamId { get; set; }

    /// <summary>The id of the Sign in with Apple key: the <c>kid</c> of a minted client secret.</summary>
    public string? KeyId { get; set; }

    /// <summary>That key's PKCS#8 PEM (<c>-----BEGIN PRIVATE KEY-----</c>, an EC P-256 key).</summary>
    public string? PrivateKeyPem { get; set; }

    public List<string> RedirectUris { get; set; } = [];

    /// <summary>Whether the service mints its client secrets (ES256) rather than using a given one.</summary>
    public bool MintsClientSecret => string.IsNullOrWhiteSpace(ClientSecret) && !string.IsNullOrWhiteSpace(PrivateKeyPem);

    public override IEnumerable<(string Key, string Message)> Problems()
    {
        if (!Enabled)
        {
            return [];
        }

        var keyProblems = !MintsClientSecret ? []
            : string.IsNullOrWhiteSpace(TeamId) ? [(nameof(TeamId), "is required with PrivateKeyPem")]
            : string.IsNullOrWhiteSpace(KeyId) ? [(nameof(KeyId), "is required with PrivateKeyPem")]
            : AppleClientSecret.KeyProblems(PrivateKeyPem!);
        var hasSecret = !string.IsNullOrWhiteSpace(ClientSecret) || MintsClientSecret;
        return base.Problems().Concat(keyProblems).Concat(RedirectSettings.Problems(RedirectUris, hasSecret, "ClientSecret or PrivateKeyPem"));
    }
}

/// <summary><c>Sessions:Providers:Oidc</c>: any OpenID Provider, on once <c>Issuer</c> is set.</summary>
public sealed class OidcOptions : OpenIdProviderOptions
{
    public override string? Issuer { get; set; }

    /// <summary>The signature algorithms accepted, comma-separated (asymmetric ones only).</summary>
    public string Algorithms { get; set; } = "RS256,ES256";

    protected override string? EnablingKey => Issuer;
}
