using OrleansSessions.TestSupport.Providers;

namespace OrleansSessions.Gateway.Tests;

/// <summary>
/// A gateway with every sign-in provider on, each reaching its stand-in on loopback: the OpenID Provider as Google (an
/// additional audience too), Apple and the <c>oidc</c> issuer; the fake Graph API; the webhook double. Outbound calls
/// time out after 2 seconds.
/// </summary>
public sealed class ProvidersGateway : GatewayHost
{
    public const string OtherGoogleApp = "other-google-app";

    public OpenIdProviderStandIn Op { get; } = new();

    public FakeGraphApi Graph { get; } = new();

    public WebhookDouble Webhook { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:Providers:HttpTimeout"] = "00:00:02",
        ["Sessions:Providers:Google:ClientId"] = OpenIdProviderStandIn.ClientId(OpenIdProviderStandIn.Google),
        ["Sessions:Providers:Google:AdditionalAudiences"] = $"{OtherGoogleApp}, another-one",
        ["Sessions:Providers:Google:ClientSecret"] = OpenIdProviderStandIn.ClientSecret(OpenIdProviderStandIn.ClientId(OpenIdProviderStandIn.Google)),
        ["Sessions:Providers:Google:Issuer"] = Op.Issuer(OpenIdProviderStandIn.Google),
        ["Sessions:Providers:Google:AuthCodeRedirectUri"] = OpenIdProviderStandIn.RedirectUri,
        ["Sessions:Providers:Apple:ClientId"] = OpenIdProviderStandIn.ClientId(OpenIdProviderStandIn.Apple),
        ["Sessions:Providers:Apple:Issuer"] = Op.Issuer(OpenIdProviderStandIn.Apple),
        ["Sessions:Providers:Oidc:Issuer"] = Op.Issuer(OpenIdProviderStandIn.Oidc),
        ["Sessions:Providers:Oidc:ClientId"] = OpenIdProviderStandIn.ClientId(OpenIdProviderStandIn.Oidc),
        ["Sessions:Providers:Facebook:AppId"] = FakeGraphApi.AppId,
        ["Sessions:Providers:Facebook:AppSecret"] = FakeGraphApi.AppSecret,
        ["Sessions:Providers:Facebook:GraphApiBaseUrl"] = Graph.GraphApiBaseUrl,
        ["Sessions:Providers:CustomFunction:Url"] = Webhook.Url,
        ["Sessions:Providers:CustomFunction:Secret"] = WebhookDouble.Secret,
        ["Sessions:Providers:CustomFunction:Timeout"] = "00:00:02",
    };

    public override async Task InitializeAsync()
    {
        await Task.WhenAll(Op.InitializeAsync(), Graph.InitializeAsync(), Webhook.InitializeAsync());
        NoteSecret(FakeGraphApi.AppSecret);
        NoteSecret(WebhookDouble.Secret);
        NoteSecret(OpenIdProviderStandIn.ClientSecret(OpenIdProviderStandIn.ClientId(OpenIdProviderStandIn.Google)));
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            await Task.WhenAll(Op.DisposeAsync(), Graph.DisposeAsync(), Webhook.DisposeAsync());
        }
    }

    /// <summary>An ID token of the stand-in's real flow, noted as a secret.</summary>
    public async Task<string> IdToken(string issuer, string subject, string? nonce = null, string? clientId = null) =>
        Noted(await Op.IdTokenAsync(issuer, subject, nonce, clientId));

    /// <summary>An authorization code of Google's stand-in, noted as a secret.</summary>
    public async Task<string> GoogleCode(string subject, string? nonce = null) =>
        Noted(await Op.CodeAsync(OpenIdProviderStandIn.Google, subject, nonce));

    /// <summary>A token minted by an issuer with the given claims over a valid token's (sub, aud), noted as a secret.</summary>
    public async Task<string> Minted(string issuer, string subject, Dictionary<string, object?>? claims = null, string key = "own")
    {
        var all = new Dictionary<string, object?> { ["sub"] = subject, ["aud"] = OpenIdProviderStandIn.ClientId(issuer) };
        foreach (var (name, value) in claims ?? [])
        {
            all[name] = value;
        }

        return Noted(await Op.MintAsync(issuer, all, key));
    }

    public string FacebookToken(string userId, string appId = FakeGraphApi.AppId, string type = "USER") =>
        Noted(Graph.NewToken(userId, appId, type));

    private string Noted(string secret)
    {
        NoteSecret(secret);
        return secret;
    }
}

/// <summary>A gateway whose every outside party is at a loopback port where nothing listens.</summary>
public sealed class UnreachableProvidersGateway : GatewayHost
{
    private readonly string _nowhere = $"http://127.0.0.1:{FreePort.Next()}";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:Providers:HttpTimeout"] = "00:00:02",
        ["Sessions:Providers:Google:ClientId"] = "google-client",
        ["Sessions:Providers:Google:ClientSecret"] = "google-client-secret-0123456789abcdef",
        ["Sessions:Providers:Google:Issuer"] = _nowhere,
        ["Sessions:Providers:Apple:ClientId"] = "apple-client",
        ["Sessions:Providers:Apple:Issuer"] = _nowhere,
        ["Sessions:Providers:Oidc:Issuer"] = _nowhere,
        ["Sessions:Providers:Oidc:ClientId"] = "oidc-client",
        ["Sessions:Providers:Facebook:AppId"] = FakeGraphApi.AppId,
        ["Sessions:Providers:Facebook:AppSecret"] = FakeGraphApi.AppSecret,
        ["Sessions:Providers:Facebook:GraphApiBaseUrl"] = _nowhere,
        ["Sessions:Providers:CustomFunction:Url"] = $"{_nowhere}/auth",
        ["Sessions:Providers:CustomFunction:Secret"] = WebhookDouble.Secret,
    };
}

[CollectionDefinition(Name)]
public sealed class ProvidersGatewayCollection : ICollectionFixture<ProvidersGateway>
{
    public const string Name = "providers gateway";
}

[CollectionDefinition(Name)]
public sealed class UnreachableProvidersGatewayCollection : ICollectionFixture<UnreachableProvidersGateway>
{
    public const string Name = "unreachable providers gateway";
}
