using OrleansSessions.TestSupport.Providers;
using static OrleansSessions.TestSupport.Providers.OpenIdProviderStandIn;

namespace OrleansSessions.Realm.Tests;

/// <summary>
/// The Realm API with Google, Apple, Facebook and the custom function on, each reaching its stand-in on loopback (the
/// real OpenID Provider, the fake Graph API, the webhook double).
/// </summary>
public sealed class ProvidersRealmGateway : RealmGateway
{
    public OpenIdProviderStandIn Op { get; } = new();

    public FakeGraphApi Graph { get; } = new();

    public WebhookDouble Webhook { get; } = new();

    protected override IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>
    {
        ["Sessions:Providers:Google:ClientId"] = ClientId(Google),
        ["Sessions:Providers:Google:ClientSecret"] = ClientSecret(ClientId(Google)),
        ["Sessions:Providers:Google:Issuer"] = Op.Issuer(Google),
        ["Sessions:Providers:Google:AuthCodeRedirectUri"] = RedirectUri,
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
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ProvidersRealmGatewayCollection : ICollectionFixture<ProvidersRealmGateway>, ICollectionFixture<RealmClient>
{
    public const string Name = "providers realm gateway";
}
