using System.Net;

namespace OrleansSessions.Realm.Tests;

/// <summary>The <c>location</c> answer comes from the gateway's settings, never from the request's Host header.</summary>
[Collection(DefaultRealmGatewayCollection.Name)]
public sealed class RealmLocationTests(DefaultRealmGateway gateway)
{
    [Fact]
    public async Task Location_never_echoes_a_forged_host_header()
    {
        using var http = gateway.NewHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/client/v2.0/app/{RealmGateway.AppId}/location");
        request.Headers.Host = "attacker.example";

        var body = await gateway.JsonOf(await http.SendAsync(request), HttpStatusCode.OK);

        Assert.Equal(gateway.BaseAddress.ToString().TrimEnd('/'), body.GetProperty("hostname").GetString());
        Assert.DoesNotContain("attacker", body.GetRawText());
    }
}
