using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>The custom-token provider: an external issuer's JWTs, with every check of a careful relying party.</summary>
[Collection(CustomTokenGatewayCollection.Name)]
public sealed class CustomTokenTests(CustomTokenGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    private static object Credentials(string token) => new { provider = "custom-token", token };

    private static string NewSubject() => $"user-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_token_of_the_issuer_logs_in_the_same_user_each_time_and_copies_the_configured_claims()
    {
        var device = await _api.NewDevice();
        var subject = NewSubject();

        var first = await _api.LogIn(device, Credentials(gateway.Token(subject, name: "Ana")));
        var second = await _api.LogIn(await _api.NewDevice(), Credentials(gateway.Token(subject, name: "Ana B", useJwksKey: true)));

        Assert.Equal(first.UserId, second.UserId);
        var profile = await _api.ProfileOf(second.AccessToken);
        var identity = Assert.Single(profile.GetProperty("identities").EnumerateArray());
        Assert.Equal("custom-token", identity.GetProperty("providerType").GetString());
        Assert.Equal(subject, identity.GetProperty("id").GetString());
        Assert.Equal("""{"name":"Ana B"}""", profile.GetProperty("customData").GetRawText());
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("email").ValueKind);
        Assert.Equal("custom-token", (await _api.Users(device)).GetProperty("users")[0].GetProperty("providerType").GetString());
    }

    [Fact]
    public async Task Tokens_that_fail_any_check_are_invalid_credentials_and_change_nothing()
    {
        var device = await _api.NewDevice();
        using var stranger = RSA.Create(2048);
        var hmac = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('s', 32))), SecurityAlgorithms.HmacSha256);
        var subject = NewSubject();

        // Each token is made just before it is tried: made all at once, a slow run let "not before in 7 s" into the leeway.
        foreach (var token in new Func<string>[]
        {
            () => gateway.Token(subject, issuer: "https://someone-else.example"),
            () => gateway.Token(subject, audience: "another-app"),
            () => gateway.Token(subject, expiresIn: TimeSpan.FromSeconds(-6)),
            () => gateway.Token(subject, notBefore: DateTimeOffset.UtcNow.AddSeconds(7)),
            () => gateway.Token(subject, signedWith: new SigningCredentials(new RsaSecurityKey(stranger), SecurityAlgorithms.RsaSha256)),
            () => gateway.Token(subject, signedWith: hmac),
            () => "not.a.jwt",
        })
        {
            await Problem(await _api.TryLogIn(device, Credentials(token())), HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        Assert.Empty(await _api.UserIds(device));
    }

    [Fact]
    public async Task A_token_just_inside_the_five_seconds_of_leeway_is_accepted()
    {
        var device = await _api.NewDevice();

        await _api.LogIn(device, Credentials(gateway.Token(NewSubject(), expiresIn: TimeSpan.FromSeconds(-3))));
        await _api.LogIn(device, Credentials(gateway.Token(NewSubject(), notBefore: DateTimeOffset.UtcNow.AddSeconds(3))));
        Assert.Equal(2, (await _api.UserIds(device)).Length);
    }

    [Fact]
    public async Task A_custom_token_identity_links_to_a_signed_in_user_once()
    {
        var anonymous = await _api.LogIn(await _api.NewDevice(), Anonymous);
        var other = await _api.LogIn(await _api.NewDevice(), Anonymous);
        var token = gateway.Token(NewSubject());

        var linked = await Json(await _api.Link(anonymous.AccessToken, Credentials(token)));

        Assert.Equal(
            ["anon-user", "custom-token"],
            linked.GetProperty("identities").EnumerateArray().Select(i => i.GetProperty("providerType").GetString()!).Order().ToArray());
        await Problem(await _api.Link(other.AccessToken, Credentials(token)), HttpStatusCode.Conflict, "identity-in-use");
        Assert.Equal(anonymous.UserId, (await _api.LogIn(await _api.NewDevice(), Credentials(token))).UserId);
    }
}
