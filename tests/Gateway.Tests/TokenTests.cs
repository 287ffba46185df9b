using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OrleansSessions.Abstractions;
using OrleansSessions.Gateway.Tokens;
using static OrleansSessions.Gateway.Tests.Api;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Tests;

/// <summary>
/// Tokens: access tokens as other services see them (JWKS, introspection), their lifetime and leeway, key rotation,
/// the randomness of device and refresh tokens, and every kind of bad bearer token.
/// </summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class TokenTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task The_JWKS_publishes_the_P256_key_that_verifies_an_access_token()
    {
        var (account, login) = await _api.NewUser(await _api.NewDevice());
        var response = await _api.Send(HttpMethod.Get, "/.well-known/jwks.json");
        var jwks = await Json(response);

        var header = Header(login.AccessToken);
        Assert.Equal("ES256", header["alg"]!.GetValue<string>());
        Assert.Equal("at+jwt", header["typ"]!.GetValue<string>());
        var kid = header["kid"]!.GetValue<string>();
        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray(), k => k.GetProperty("kid").GetString() == kid);
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("P-256", key.GetProperty("crv").GetString());
        Assert.False(key.TryGetProperty("d", out _), "the JWKS must not publish the private key");

        var keySet = new JsonWebKeySet(jwks.GetRawText());
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(login.AccessToken, new TokenValidationParameters
        {
            IssuerSigningKeys = keySet.GetSigningKeys(),
            ValidIssuer = "orleans-sessions",
            ValidAudience = "orleans-sessions",
            ValidTypes = ["at+jwt"],
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        });
        Assert.True(result.IsValid, result.Exception?.ToString());
        var token = (JsonWebToken)result.SecurityToken;
        Assert.Equal(account.UserId, token.Subject);
        Assert.InRange(token.ValidTo - token.IssuedAt, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));

        var forged = await new JsonWebTokenHandler().ValidateTokenAsync(SignedByAnotherKey(login.AccessToken), new TokenValidationParameters
        {
            IssuerSigningKeys = keySet.GetSigningKeys(),
            ValidateIssuer = false,
            ValidateAudience = false,
        });
        Assert.False(forged.IsValid);
    }

    [Fact]
    public async Task Introspection_describes_a_live_token_and_refuses_an_ended_or_bad_one()
    {
        var device = await _api.NewDevice();
        var (account, login) = await _api.NewUser(device);

        var live = await Json(await _api.Introspect(login.AccessToken));

        Fields(live, "active", "sub", "sid", "did", "exp");
        Assert.True(live.GetProperty("active").GetBoolean());
        Assert.Equal(account.UserId, live.GetProperty("sub").GetString());
        Assert.Equal(device.Id, live.GetProperty("did").GetString());
        var sessionId = (await Json(await _api.Sessions(login.AccessToken))).GetProperty("sessions")[0].GetProperty("sessionId").GetString();
        Assert.Equal(sessionId, live.GetProperty("sid").GetString());
        var payload = Payload(login.AccessToken);
        Assert.Equal(payload["exp"]!.GetValue<long>(), live.GetProperty("exp").GetInt64());
        Assert.InRange(
            DateTimeOffset.FromUnixTimeSeconds(live.GetProperty("exp").GetInt64()),
            DateTimeOffset.UtcNow.AddMinutes(25), DateTimeOffset.UtcNow.AddMinutes(31));

        foreach (var bad in new[] { "garbage", Tampered(login.AccessToken), SignedByAnotherKey(login.AccessToken), login.RefreshToken, device.Token })
        {
            var inactive = await Json(await _api.Introspect(bad));
            Fields(inactive, "active");
            Assert.False(inactive.GetProperty("active").GetBoolean());
        }

        var relogin = await _api.LogIn(device, account);
        Assert.False((await Json(await _api.Introspect(login.AccessToken))).GetProperty("active").GetBoolean());
        Assert.True((await Json(await _api.Introspect(relogin.AccessToken))).GetProperty("active").GetBoolean());

        await NoContent(await _api.LogOut(device, account.UserId));
        var ended = await Json(await _api.Introspect(relogin.AccessToken));
        Fields(ended, "active");
        Assert.False(ended.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Introspection_needs_the_admin_key_and_a_token()
    {
        var (_, login) = await _api.NewUser(await _api.NewDevice());
        await Problem(await _api.Introspect(login.AccessToken, adminKey: null), HttpStatusCode.Unauthorized, "invalid-admin-key");
        await Problem(await _api.Introspect(login.AccessToken, adminKey: login.AccessToken), HttpStatusCode.Unauthorized, "invalid-admin-key");
        await Problem(await _api.Admin(HttpMethod.Post, "/v1/auth/introspect", new { }), HttpStatusCode.BadRequest, "validation-failed");
        await Problem(await _api.Admin(HttpMethod.Post, "/v1/auth/introspect", Raw("not json")), HttpStatusCode.BadRequest, "validation-failed");
        await Json(await _api.Profile(login.AccessToken));
    }

    [Fact]
    public async Task A_tampered_access_token_is_refused()
    {
        var (_, login) = await _api.NewUser(await _api.NewDevice());
        var (victim, _) = await _api.NewUser(await _api.NewDevice());

        await Problem(await _api.Profile(Tampered(login.AccessToken)), HttpStatusCode.Unauthorized, "invalid-token");
        await Problem(await _api.Profile(Tampered(login.AccessToken, victim.UserId)), HttpStatusCode.Unauthorized, "invalid-token");
        var parts = login.AccessToken.Split('.');
        await Problem(await _api.Profile($"{parts[0]}.{parts[1]}.{Base64Url(new byte[64])}"), HttpStatusCode.Unauthorized, "invalid-token");
        await Problem(await _api.Profile($"{parts[0]}.{parts[1]}."), HttpStatusCode.Unauthorized, "invalid-token");
        await Problem(await _api.Profile(login.AccessToken + "x"), HttpStatusCode.Unauthorized, "invalid-token");
        await Json(await _api.Profile(login.AccessToken));
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_refused()
    {
        var (_, login) = await _api.NewUser(await _api.NewDevice());
        var header = Header(login.AccessToken);
        header["alg"] = "none";
        var payload = login.AccessToken.Split('.')[1];
        var unsigned = $"{Base64Url(header)}.{payload}.";

        await Problem(await _api.Profile(unsigned), HttpStatusCode.Unauthorized, "invalid-token");
        await Problem(await _api.Profile(unsigned.TrimEnd('.')), HttpStatusCode.Unauthorized, "invalid-token");
        Assert.False((await Json(await _api.Introspect(unsigned))).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_token_signed_by_another_key_with_the_same_kid_is_refused()
    {
        var (_, login) = await _api.NewUser(await _api.NewDevice());
        await Problem(await _api.Profile(SignedByAnotherKey(login.AccessToken)), HttpStatusCode.Unauthorized, "invalid-token");

        // Nor does a symmetric signature keyed with the public key (algorithm confusion), nor a token without a kid.
        var header = Header(login.AccessToken);
        header["alg"] = "HS256";
        var jwks = await Json(await _api.Send(HttpMethod.Get, "/.well-known/jwks.json"));
        var hmacToken = SignHs256(header, login.AccessToken.Split('.')[1], Encoding.UTF8.GetBytes(jwks.GetRawText()));
        await Problem(await _api.Profile(hmacToken), HttpStatusCode.Unauthorized, "invalid-token");

        var noKid = Header(login.AccessToken);
        noKid.Remove("kid");
        await Problem(await _api.Profile(SignedByAnotherKey(login.AccessToken, noKid)), HttpStatusCode.Unauthorized, "invalid-token");
    }

    [Fact]
    public async Task A_token_of_the_wrong_kind_is_refused_where_another_is_due()
    {
        var device = await _api.NewDevice();
        var (account, login) = await _api.NewUser(device);
        var before = (await _api.Users(device)).GetRawText();

        // Access token as a device token, refresh token as a device token.
        await Problem(await _api.ListUsers(device, login.AccessToken), HttpStatusCode.Unauthorized, "invalid-device-token");
        await Problem(await _api.LogOut(device, account.UserId, login.RefreshToken), HttpStatusCode.Unauthorized, "invalid-device-token");
        // Refresh token, device token or admin key as an access token.
        await Problem(await _api.Profile(login.RefreshToken), HttpStatusCode.Unauthorized, "invalid-token");
        await Problem(await _api.Profile(device.Token), HttpStatusCode.Unauthorized, "invalid-token");
        await Problem(await _api.Profile(GatewayHost.AdminKey), HttpStatusCode.Unauthorized, "invalid-token");
        await Problem(await _api.Send(HttpMethod.Delete, "/v1/auth/user", login.RefreshToken), HttpStatusCode.Unauthorized, "invalid-token");
        // Device token, access token or admin key as a refresh token.
        await Problem(await _api.Refresh(device.Token), HttpStatusCode.Unauthorized, "invalid-session");
        await Problem(await _api.Refresh(login.AccessToken), HttpStatusCode.Unauthorized, "invalid-session");
        await Problem(await _api.Refresh(GatewayHost.AdminKey), HttpStatusCode.Unauthorized, "invalid-session");
        await Problem(await _api.EndSessionWithRefreshToken(login.AccessToken), HttpStatusCode.Unauthorized, "invalid-session");
        await Problem(await _api.EndSessionWithRefreshToken(device.Token), HttpStatusCode.Unauthorized, "invalid-session");
        // Access token as the admin key.
        await Problem(await _api.Send(HttpMethod.Get, $"/v1/admin/users/{account.UserId}", login.AccessToken), HttpStatusCode.Unauthorized, "invalid-admin-key");

        Assert.Equal(before, (await _api.Users(device)).GetRawText());
        await Json(await _api.Profile(login.AccessToken));
        await Json(await _api.Refresh(login.RefreshToken));
    }

    [Fact]
    public async Task Device_and_refresh_tokens_are_long_distinct_random_secrets()
    {
        var devices = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _api.NewDevice()));
        var logins = await Task.WhenAll(devices.Select(d => _api.LogIn(d, Anonymous)));

        var deviceSecrets = devices.Select(d => Base64UrlEncoder.DecodeBytes(d.Token)).ToList();
        var refreshSecrets = logins.Select(l => Base64UrlEncoder.DecodeBytes(l.RefreshToken.Split('.')[2])).ToList();

        Assert.All(deviceSecrets, s => Assert.True(s.Length * 8 >= 128, $"{s.Length * 8} bits"));
        Assert.All(refreshSecrets, s => Assert.True(s.Length * 8 >= 256, $"{s.Length * 8} bits"));
        Assert.Equal(20, deviceSecrets.Select(Convert.ToHexString).Distinct().Count());
        Assert.Equal(20, refreshSecrets.Select(Convert.ToHexString).Distinct().Count());
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

    [Fact]
    public async Task After_a_key_rotation_new_tokens_use_the_new_key_and_old_ones_still_verify()
    {
        var device = await _api.NewDevice();
        var (_, before) = await _api.NewUser(device);

        var rotated = await Json(await _api.Admin(HttpMethod.Post, "/v1/admin/keys/rotate"));
        var (_, after) = await _api.NewUser(device);

        Fields(rotated, "kid");
        var kid = rotated.GetProperty("kid").GetString()!;
        Assert.Equal(kid, new JsonWebToken(after.AccessToken).Kid);
        Assert.NotEqual(kid, new JsonWebToken(before.AccessToken).Kid);
        await Json(await _api.Profile(before.AccessToken));
        await Json(await _api.Profile(after.AccessToken));
        var published = new JsonWebKeySet(await _api.Http.GetStringAsync("/.well-known/jwks.json")).Keys.Select(k => k.Kid).ToList();
        Assert.Contains(kid, published);
        Assert.Contains(new JsonWebToken(before.AccessToken).Kid, published);
        await Problem(await _api.Send(HttpMethod.Post, "/v1/admin/keys/rotate"), HttpStatusCode.Unauthorized, "invalid-admin-key");
        await Problem(await _api.Send(HttpMethod.Post, "/v1/admin/keys/rotate", after.AccessToken), HttpStatusCode.Unauthorized, "invalid-admin-key");
    }

    [Fact]
    public async Task A_bearer_token_in_another_scheme_or_a_malformed_header_is_refused()
    {
        var (_, login) = await _api.NewUser(await _api.NewDevice());
        foreach (var header in new[] { $"Basic {login.AccessToken}", login.AccessToken, "Bearer", "Bearer    " })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/auth/profile");
            request.Headers.TryAddWithoutValidation("Authorization", header);
            await Problem(await _api.Http.SendAsync(request), HttpStatusCode.Unauthorized, "invalid-token");
        }
    }

    /// <summary>The gateway's own token service, with its keys, on a clock of this test's.</summary>
    private AccessTokens TokensAt(DateTimeOffset now) => new(
        gateway.Services.GetRequiredService<SigningKeyRing>(),
        gateway.Services.GetRequiredService<IOptions<SessionsOptions>>(),
        new FakeTimeProvider(now));

    internal static JsonObject Header(string jwt) => JsonNode.Parse(Base64UrlDecode(jwt.Split('.')[0]))!.AsObject();

    internal static JsonObject Payload(string jwt) => JsonNode.Parse(Base64UrlDecode(jwt.Split('.')[1]))!.AsObject();

    /// <summary>The token with its payload changed (another subject, or a later expiry) and its signature kept.</summary>
    internal static string Tampered(string jwt, string? subject = null)
    {
        var parts = jwt.Split('.');
        var payload = Payload(jwt);
        if (subject is null)
        {
            payload["exp"] = payload["exp"]!.GetValue<long>() + 3600;
        }
        else
        {
            payload["sub"] = subject;
        }

        return $"{parts[0]}.{Base64Url(payload)}.{parts[2]}";
    }

    /// <summary>The same header (so the same kid) and payload, signed ES256 with a key the gateway never had.</summary>
    internal static string SignedByAnotherKey(string jwt, JsonObject? header = null)
    {
        var parts = jwt.Split('.');
        var input = $"{(header is null ? parts[0] : Base64Url(header))}.{parts[1]}";
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return $"{input}.{Base64Url(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256))}";
    }

    private static string SignHs256(JsonObject header, string payload, byte[] secret)
    {
        var input = $"{Base64Url(header)}.{payload}";
        return $"{input}.{Base64Url(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)))}";
    }

    private static string Base64Url(JsonNode json) => Base64Url(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }
}
