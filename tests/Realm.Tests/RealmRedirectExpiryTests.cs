using System.Net;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.TestSupport.Providers;
using static OrleansSessions.Realm.Tests.RealmRedirects;

namespace OrleansSessions.Realm.Tests;

/// <summary>A redirect flow that outlives <c>RedirectFlowLifetime</c> (one second here) cannot be finished.</summary>
[Collection(ShortRedirectRealmGatewayCollection.Name)]
public sealed class RealmRedirectExpiryTests(ShortRedirectRealmGateway gateway)
{
    [Fact]
    public async Task A_provider_returning_after_the_flows_lifetime_is_refused()
    {
        using var http = gateway.NewHttpClient(followRedirects: false);
        var start = await http.GetAsync(StartPath(ProviderTypes.Facebook, NewState(), ProvidersRealmGateway.AppPage));
        var back = await FacebookDialogAsync(start.Headers.Location!, "1000000001");
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var late = await gateway.JsonOf(await http.GetAsync(back), HttpStatusCode.BadRequest);
        Assert.Equal("BadRequest", late.GetProperty("error_code").GetString());
        Assert.Equal(0, gateway.Graph.RedeemedCodes);
    }
}

/// <summary>Facebook's redirect login on, against the fake Graph API, with flows that live one second.</summary>
public sealed class ShortRedirectRealmGateway : RealmGateway
{
    public FakeGraphApi Graph { get; } = new();

    protected override IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>
    {
        ["Sessions:Providers:Facebook:AppId"] = FakeGraphApi.AppId,
        ["Sessions:Providers:Facebook:AppSecret"] = FakeGraphApi.AppSecret,
        ["Sessions:Providers:Facebook:GraphApiBaseUrl"] = Graph.GraphApiBaseUrl,
        ["Sessions:Providers:Facebook:DialogUrl"] = Graph.DialogUrl,
        ["Sessions:Providers:Facebook:RedirectUris:0"] = ProvidersRealmGateway.AppPage,
        ["Sessions:Providers:RedirectFlowLifetime"] = "00:00:01",
    };

    public override async Task InitializeAsync()
    {
        await Graph.InitializeAsync();
        NoteSecret(FakeGraphApi.AppSecret);
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
            await Graph.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ShortRedirectRealmGatewayCollection : ICollectionFixture<ShortRedirectRealmGateway>
{
    public const string Name = "short-redirect realm gateway";
}
