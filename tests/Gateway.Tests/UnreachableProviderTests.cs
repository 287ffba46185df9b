using System.Net;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>Sign-in providers whose outside party cannot be reached at all: 503, and no user is made.</summary>
[Collection(UnreachableProvidersGatewayCollection.Name)]
public sealed class UnreachableProviderTests(UnreachableProvidersGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    public static TheoryData<object> Credentials => new()
    {
        new { provider = "oauth2-google", idToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln" },
        new { provider = "oauth2-google", authCode = "some-code-0123456789" },
        new { provider = "oauth2-apple", idToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln" },
        new { provider = "oidc", idToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln" },
        new { provider = "oauth2-facebook", accessToken = "EAAGsome-token-0123456789" },
        new { provider = "custom-function", payload = new { user = "someone" } },
    };

    [Theory]
    [MemberData(nameof(Credentials))]
    public async Task A_login_through_an_unreachable_party_is_unavailable(object credentials)
    {
        var device = await _api.NewDevice();

        await Problem(await _api.TryLogIn(device, credentials), HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.Empty(await _api.UserIds(device));
    }
}
