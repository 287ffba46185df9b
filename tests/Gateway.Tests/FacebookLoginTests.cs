using System.Net;
using OrleansSessions.TestSupport.Providers;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>Facebook logins and links, checked with the Graph API (its stand-in).</summary>
[Collection(ProvidersGatewayCollection.Name)]
public sealed class FacebookLoginTests(ProvidersGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    private static object Facebook(string accessToken) => new { provider = "oauth2-facebook", accessToken };

    private static string NewUserId() => Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString();

    [Fact]
    public async Task A_user_token_of_this_app_logs_in_its_app_scoped_user_each_time()
    {
        var facebookUser = NewUserId();

        var first = await _api.LogIn(await _api.NewDevice(), Facebook(gateway.FacebookToken(facebookUser)));
        var second = await _api.LogIn(await _api.NewDevice(), Facebook(gateway.FacebookToken(facebookUser)));

        Assert.Equal(first.UserId, second.UserId);
        var identity = Assert.Single((await _api.ProfileOf(second.AccessToken)).GetProperty("identities").EnumerateArray());
        Assert.Equal("oauth2-facebook", identity.GetProperty("providerType").GetString());
        Assert.Equal(facebookUser, identity.GetProperty("id").GetString());
        Assert.Equal(
            $$"""{"name":"{{facebookUser}} Facebook","email":"{{facebookUser}}@facebook.example","picture":"https://pictures.example/fb/{{facebookUser}}.jpg","firstName":"{{facebookUser}}","lastName":"Facebook"}""",
            (await _api.ProfileOf(second.AccessToken)).GetProperty("metadata").GetRawText());
        Assert.Equal(0, gateway.Graph.BadProofs);
    }

    [Fact]
    public async Task A_facebook_identity_links_to_a_signed_in_user()
    {
        var anonymous = await _api.LogIn(await _api.NewDevice(), Anonymous);
        var facebookUser = NewUserId();

        await Json(await _api.Link(anonymous.AccessToken, Facebook(gateway.FacebookToken(facebookUser))));

        Assert.Equal(anonymous.UserId, (await _api.LogIn(await _api.NewDevice(), Facebook(gateway.FacebookToken(facebookUser)))).UserId);
    }

    [Fact]
    public async Task A_token_that_is_invalid_of_another_app_or_not_a_users_is_invalid_credentials()
    {
        var device = await _api.NewDevice();

        foreach (var token in new[]
        {
            gateway.FacebookToken(NewUserId(), appId: "999999"),
            gateway.FacebookToken(NewUserId(), type: "PAGE"),
            "EAAGnot-a-token-the-graph-api-knows-0123456789",
        })
        {
            await Problem(await _api.TryLogIn(device, Facebook(token)), HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        Assert.Empty(await _api.UserIds(device));
    }

    [Theory]
    [InlineData("500")]
    [InlineData("slow")]
    [InlineData("redirect")]
    [InlineData("malformed")]
    public async Task A_graph_api_that_fails_is_unavailable(string fault)
    {
        var device = await _api.NewDevice();
        var token = gateway.FacebookToken(NewUserId());
        gateway.Graph.Fault = fault;
        try
        {
            await Problem(await _api.TryLogIn(device, Facebook(token)), HttpStatusCode.ServiceUnavailable, "unavailable");
        }
        finally
        {
            gateway.Graph.Fault = null;
        }

        Assert.Empty(await _api.UserIds(device));
    }
}
