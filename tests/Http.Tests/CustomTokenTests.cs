using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace OrleansSessions.Http.Tests;

/// <summary>The custom-token provider: an external issuer's JWTs, with every check of a careful relying party.</summary>
[Collection(CustomTokenGatewayCollection.Name)]
public sealed class CustomTokenTests(CustomTokenGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.Api();

    public void Dispose() => _api.Dispose();

    private object Credentials(string token) => new { provider = "custom-token", token = _api.Secret(token) };

    [Fact]
    public async Task A_token_of_the_issuer_logs_in_the_same_user_each_time_and_copies_the_configured_claims()
    {
        var device = await _api.RegisterDevice();
        var subject = $"user-{Guid.NewGuid():N}";

        var first = await _api.LogIn(device, Credentials(gateway.Token(subject, name: "Ana")));
        var second = await _api.LogIn(await _api.RegisterDevice(), Credentials(gateway.Token(subject, name: "Ana B", useJwksKey: true)));

        Assert.Equal(first.UserId, second.UserId);
        var profile = await Api.Json(await _api.Profile(second.AccessToken));
        Assert.Equal("custom-token", (string)profile["identities"]![0]!["providerType"]!);
        Assert.Equal(subject, (string)profile["identities"]![0]!["id"]!);
        Assert.Equal("""{"name":"Ana B"}""", profile["customData"]!.ToJsonString());
        Assert.Equal("custom-token", (string)(await _api.Users(device))["users"]![0]!["providerType"]!);
    }

    [Fact]
    public async Task Tokens_that_fail_any_check_are_invalid_credentials()
    {
        var device = await _api.RegisterDevice();
        using var stranger = RSA.Create(2048);
        var hmac = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('s', 32))), SecurityAlgorithms.HmacSha256);
        var subject = $"user-{Guid.NewGuid():N}";

        foreach (var token in new[]
        {
            gateway.Token(subject, issuer: "https://someone-else.example"),
            gateway.Token(subject, audience: "another-app"),
            gateway.Token(subject, expiresIn: TimeSpan.FromSeconds(-6)),
            gateway.Token(subject, notBefore: DateTimeOffset.UtcNow.AddSeconds(7)),
            gateway.Token(subject, signedWith: new SigningCredentials(new RsaSecurityKey(stranger), SecurityAlgorithms.RsaSha256)),
            gateway.Token(subject, signedWith: hmac),
            "not.a.jwt",
        })
        {
            Assert.Equal("invalid-credentials", await Api.Problem(await _api.TryLogIn(device, Credentials(token)), HttpStatusCode.Unauthorized));
        }

        Assert.Empty((await _api.Users(device))["users"]!.AsArray());
    }

    [Fact]
    public async Task A_token_just_inside_the_leeway_is_accepted()
    {
        var device = await _api.RegisterDevice();

        await _api.LogIn(device, Credentials(gateway.Token($"user-{Guid.NewGuid():N}", expiresIn: TimeSpan.FromSeconds(-3))));
        await _api.LogIn(device, Credentials(gateway.Token($"user-{Guid.NewGuid():N}", notBefore: DateTimeOffset.UtcNow.AddSeconds(3))));
    }

    [Fact]
    public async Task A_custom_token_identity_links_to_a_signed_in_user_once()
    {
        var anonymous = await _api.LogIn(await _api.RegisterDevice(), Api.Anonymous());
        var other = await _api.LogIn(await _api.RegisterDevice(), Api.Anonymous());
        var token = gateway.Token($"user-{Guid.NewGuid():N}");

        var linked = await _api.Send(HttpMethod.Post, "/v1/auth/identities", anonymous.AccessToken, Credentials(token));
        var taken = await _api.Send(HttpMethod.Post, "/v1/auth/identities", other.AccessToken, Credentials(token));

        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.Equal("identity-in-use", await Api.Problem(taken, HttpStatusCode.Conflict));
        Assert.Equal(anonymous.UserId, (await _api.LogIn(await _api.RegisterDevice(), Credentials(token))).UserId);
    }
}
