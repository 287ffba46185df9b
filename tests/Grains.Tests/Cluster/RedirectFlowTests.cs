using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Redirects;

namespace OrleansSessions.Grains.Tests.Cluster;

/// <summary>A redirect flow is taken once, and not after it expired.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RedirectFlowTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_flow_is_taken_once()
    {
        var grain = fixture.Grains.GetGrain<IRedirectFlowGrain>(Ids.New());
        var flow = Flow(TimeSpan.FromMinutes(10));
        await grain.Start(flow);

        Assert.Equal(flow, await grain.Take());
        Assert.Null(await grain.Take());
    }

    [Fact]
    public async Task A_flow_past_its_expiry_is_not_taken()
    {
        var grain = fixture.Grains.GetGrain<IRedirectFlowGrain>(Ids.New());
        await grain.Start(Flow(TimeSpan.FromMilliseconds(300)));
        await Task.Delay(TimeSpan.FromMilliseconds(600));

        Assert.Null(await grain.Take());
        Assert.Null(await fixture.Grains.GetGrain<IRedirectFlowGrain>(Ids.New()).Take());
    }

    private static RedirectFlow Flow(TimeSpan lifetime) => new(
        "oauth2-google", "abcdefghijkl", "https://app.example/r", "https://sessions.example/api/client/v2.0/auth/callback",
        new RedirectDevice(null, "chrome", "130"), "verifier", "nonce", null, DateTimeOffset.UtcNow + lifetime);
}
