using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OrleansSessions.Abstractions;
using OrleansSessions.Gateway;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Http.Tests;

/// <summary>Access tokens: their shape, the JWKS, what is refused and in which order, introspection, key rotation.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class TokenTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.Api();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task An_access_token_is_an_ES256_at_jwt_that_the_JWKS_verifies()
    {
        var login = await _api.NewUserOn(await _api.RegisterDevice());
        var jwt = new JsonWebToken(login.AccessToken);

        var jwks = new JsonWebKeySet(await _api.Http.GetStringAsync("/.well-known/jwks.json"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(login.AccessToken, new TokenValidationParameters
        {
            ValidIssuer = "orleans-sessions",
            ValidAudience = "orleans-sessions",
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidTypes = ["at+jwt"],
        });

        Assert.Equal("ES256", jwt.Alg);
        Assert.Equal("at+jwt", jwt.Typ);
        Assert.Contains(jwks.Keys, k => k.Kid == jwt.Kid && k.Kty == "EC" && k.Crv == "P-256" && k.D is null);
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal(login.UserId, jwt.Subject);
        Assert.InRange(jwt.ValidTo - jwt.IssuedAt, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));
    }

    [Fact]
    public async Task Device_and_refresh_tokens_are_long_distinct_random_secrets()
    {
        var devices = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _api.RegisterDevice()));
        var logins = await Task.WhenAll(devices.Select(d => _api.LogIn(d, Api.Anonymous())));

        var deviceSecrets = devices.Select(d => Base64UrlEncoder.DecodeBytes(d.Token)).ToList();
        var refreshSecrets = logins.Select(l => Base64UrlEncoder.DecodeBytes(l.RefreshToken.Split('.')[2])).ToList();

        Assert.All(deviceSecrets, s => Assert.True(s.Length * 8 >= 128));
        Assert.All(refreshSecrets, s => Assert.True(s.Length * 8 >= 256));
        Assert.Equal(20, deviceSecrets.Select(Convert.ToHexString).Distinct().Count());
        Assert.Equal(20, refreshSecrets.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public async Task Forged_and_unreadable_tokens_are_invalid_tokens_and_reach_nothing()
    {
        var login = await _api.NewUserOn(await _api.RegisterDevice());
        var parts = login.AccessToken.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace(login.UserId, new string('0', 24));
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        var header = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[0]));
        var none = $"{Base64UrlEncoder.Encode(header.Replace("ES256", "none"))}.{parts[1]}.";
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = new JsonWebToken(login.AccessToken).Kid;
        var impostor = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "orleans-sessions",
            Audience = "orleans-sessions",
            TokenType = "at+jwt",
            Claims = new Dictionary<string, object> { ["sub"] = login.UserId, ["sid"] = new string('1', 24), ["did"] = new string('2', 24) },
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(otherKey) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256),
        });
        var symmetric = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "orleans-sessions",
            Audience = "orleans-sessions",
            TokenType = "at+jwt",
            Claims = new Dictionary<string, object> { ["sub"] = login.UserId, ["sid"] = new string('1', 24), ["did"] = new string('2', 24) },
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('k', 32))) { KeyId = kid }, SecurityAlgorithms.HmacSha256),
        });

        foreach (var token in new[] { tampered, none, impostor, symmetric, "garbage", parts[0] + "." + parts[1], null })
        {
            Assert.Equal("invalid-token", await Api.Problem(await _api.Profile(token!), HttpStatusCode.Unauthorized));
        }
    }

    [Fact]
    public async Task A_token_of_the_wrong_kind_is_refused_as_such()
    {
        var device = await _api.RegisterDevice();
        var login = await _api.NewUserOn(device);

        Assert.Equal("invalid-token", await Api.Problem(await _api.Profile(login.RefreshToken), HttpStatusCode.Unauthorized));
        Assert.Equal("invalid-token", await Api.Problem(await _api.Profile(device.Token), HttpStatusCode.Unauthorized));
        Assert.Equal("invalid-token", await Api.Problem(await _api.Profile(GatewayFixture.AdminKey), HttpStatusCode.Unauthorized));
        Assert.Equal("invalid-session", await Api.Problem(await _api.Send(HttpMethod.Post, "/v1/auth/session", login.AccessToken), HttpStatusCode.Unauthorized));
        Assert.Equal("invalid-session", await Api.Problem(await _api.Send(HttpMethod.Post, "/v1/auth/session", device.Token), HttpStatusCode.Unauthorized));
        Assert.Equal("invalid-device-token", await Api.Problem(
            await _api.Send(HttpMethod.Get, $"/v1/devices/{device.Id}/users", login.AccessToken), HttpStatusCode.Unauthorized));
        Assert.Equal("invalid-admin-key", await Api.Problem(
            await _api.Send(HttpMethod.Get, $"/v1/admin/users/{login.UserId}", login.AccessToken), HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Expiry_and_not_before_are_enforced_with_five_seconds_of_leeway_and_no_more()
    {
        var issuedAt = DateTimeOffset.UtcNow;
        var token = await TokensAt(issuedAt).IssueAsync(Ids.New(), Ids.New(), Ids.New());
        var lifetime = TimeSpan.FromMinutes(30);

        await TokensAt(issuedAt + lifetime + TimeSpan.FromSeconds(4)).ValidateAsync(token);
        var expired = await Assert.ThrowsAsync<SessionsException>(
            async () => await TokensAt(issuedAt + lifetime + TimeSpan.FromSeconds(6)).ValidateAsync(token));
        Assert.Equal(ErrorCodes.TokenExpired, expired.Code);

        await TokensAt(issuedAt - TimeSpan.FromSeconds(4)).ValidateAsync(token);
        var early = await Assert.ThrowsAsync<SessionsException>(
            async () => await TokensAt(issuedAt - TimeSpan.FromSeconds(6)).ValidateAsync(token));
        Assert.Equal(ErrorCodes.InvalidToken, early.Code);
    }

    /// <summary>The gateway's token service, with its keys, on a clock of this test's.</summary>
    private AccessTokens TokensAt(DateTimeOffset now) => new(
        gateway.Services.GetRequiredService<SigningKeyRing>(),
        gateway.Services.GetRequiredService<IOptions<SessionsOptions>>(),
        new FakeTimeProvider(now));

    [Fact]
    public async Task After_a_key_rotation_new_tokens_use_the_new_key_and_old_ones_still_verify()
    {
        var device = await _api.RegisterDevice();
        var before = await _api.NewUserOn(device);

        var rotated = await Api.Json(await _api.Admin(HttpMethod.Post, "/v1/admin/keys/rotate"));
        var after = await _api.NewUserOn(device);

        var kid = (string)rotated["kid"]!;
        Assert.Equal(kid, new JsonWebToken(after.AccessToken).Kid);
        Assert.NotEqual(kid, new JsonWebToken(before.AccessToken).Kid);
        Assert.Equal(HttpStatusCode.OK, (await _api.Profile(before.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.Profile(after.AccessToken)).StatusCode);
        var published = new JsonWebKeySet(await _api.Http.GetStringAsync("/.well-known/jwks.json")).Keys.Select(k => k.Kid).ToList();
        Assert.Contains(kid, published);
        Assert.Contains(new JsonWebToken(before.AccessToken).Kid, published);
        Assert.Equal("invalid-admin-key", await Api.Problem(await _api.Send(HttpMethod.Post, "/v1/admin/keys/rotate"), HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Introspection_says_whether_a_token_is_live()
    {
        var login = await _api.NewUserOn(await _api.RegisterDevice());

        var live = await Api.Json(await _api.Admin(HttpMethod.Post, "/v1/auth/introspect", new { token = login.AccessToken }));
        Assert.True((bool)live["active"]!);
        Assert.Equal(login.UserId, (string)live["sub"]!);
        Assert.Equal(login.DeviceId, (string)live["did"]!);
        Assert.NotNull(live["sid"]);
        Assert.True((long)live["exp"]! > DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{login.UserId}/revoke-sessions");
        var revoked = await Api.Json(await _api.Admin(HttpMethod.Post, "/v1/auth/introspect", new { token = login.AccessToken }));
        var garbage = await Api.Json(await _api.Admin(HttpMethod.Post, "/v1/auth/introspect", new { token = "garbage" }));

        Assert.Equal("""{"active":false}""", revoked.ToJsonString());
        Assert.Equal("""{"active":false}""", garbage.ToJsonString());
        Assert.Equal("invalid-admin-key", await Api.Problem(
            await _api.Send(HttpMethod.Post, "/v1/auth/introspect", login.AccessToken, new { token = login.AccessToken }), HttpStatusCode.Unauthorized));
    }
}
