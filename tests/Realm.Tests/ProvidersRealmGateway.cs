using System.Security.Cryptography;
using OrleansSessions.TestSupport.Providers;
using static OrleansSessions.TestSupport.Providers.OpenIdProviderStandIn;

namespace OrleansSessions.Realm.Tests;

/// <summary>
/// The Realm API with Google, Apple, Facebook and the custom function on, each reaching its stand-in on loopback (the
/// real OpenID Provider, the fake Graph API, the webhook double); redirect logins of the first three return to <see cref="AppPage"/>.
/// </summary>
public sealed class ProvidersRealmGateway : RealmGateway
{
    /// <summary>The app's page a redirect login returns to (listed in each provider's RedirectUris; never fetched).</summary>
    public const string AppPage = "https://app.example.test/auth-redirect";

    public const string AppleTeamId = "TEAM123456", AppleKeyId = "KEY9876543";

    public OpenIdProviderStandIn Op { get; } = new();

    /// <summary>The Sign in with Apple key the gateway mints its client secrets with (the stand-in checks them).</summary>
    public ECDsa AppleKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public FakeGraphApi Graph { get; } = new();

    public WebhookDouble Webhook { get; } = new();

    protected override IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>
    {
        ["Sessions:Providers:Google:ClientId"] = ClientId(Google),
        ["Sessions:Providers:Google:ClientSecret"] = ClientSecret(ClientId(Google)),
        ["Sessions:Providers:Google:Issuer"] = Op.Issuer(Google),
        ["Sessions:Providers:Google:AuthCodeRedirectUri"] = RedirectUri,
        ["Sessions:Providers:Google:RedirectUris:0"] = AppPage,
        ["Sessions:Providers:Apple:RedirectUris:0"] = AppPage,
        ["Sessions:Providers:Apple:TeamId"] = AppleTeamId,
        ["Sessions:Providers:Apple:KeyId"] = AppleKeyId,
        ["Sessions:Providers:Apple:PrivateKeyPem"] = AppleKey.ExportPkcs8PrivateKeyPem(),
        ["Sessions:Providers:Facebook:RedirectUris:0"] = AppPage,
        ["Sessions:Providers:Facebook:DialogUrl"] = Graph.DialogUrl,
        ["Sessions:Providers:Apple:ClientId"] = ClientId(Apple),
        ["Sessions:Providers:Apple:Issuer"] = Op.Issuer(Apple),
        ["Sessions:Providers:Facebook:AppId"] = FakeGraphApi.AppId,
        ["Sessions:Providers:Facebook:AppSecret"] = FakeGraphApi.AppSecret,
        ["Sessions:Providers:Facebook:GraphApiBaseUrl"] = Graph.GraphApiBaseUrl,
        ["Sessions:Providers:CustomFunction:Url"] = Webhook.Url,
        ["Sessions:Providers:CustomFunction:Secret"] = WebhookDouble.Secret,
    };

    public override async Task InitializeAsync()
    {
        await Task.WhenAll(Op.InitializeAsync(), Graph.InitializeAsync(), Webhook.InitializeAsync());
        await Op.TrustClientJwtsAsync(Apple, AppleTeamId, AppleKeyId, AppleKey.ExportSubjectPublicKeyInfoPem());
        NoteSecret(FakeGraphApi.AppSecret);
        NoteSecret(WebhookDouble.Secret);
        NoteSecret(ClientSecret(ClientId(Google)));
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
            AppleKey.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ProvidersRealmGatewayCollection : ICollectionFixture<ProvidersRealmGateway>, ICollectionFixture<RealmClient>
{
    public const string Name = "providers realm gateway";
}
