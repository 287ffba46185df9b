using System.Net;
using System.Text.Json;
using OrleansSessions.TestSupport.Providers;
using static OrleansSessions.Gateway.Tests.Api;
using static OrleansSessions.TestSupport.Providers.OpenIdProviderStandIn;

namespace OrleansSessions.Gateway.Tests;

/// <summary>Google, Apple and <c>oidc</c> logins and links with ID tokens and codes of a real OpenID Provider.</summary>
[Collection(ProvidersGatewayCollection.Name)]
public sealed class OpenIdLoginTests(ProvidersGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    public static string NewSubject() => $"sub-{Guid.NewGuid():N}";

    public static object IdToken(string provider, string idToken, string? nonce = null) =>
        nonce is null ? new { provider, idToken } : new { provider, idToken, nonce };

    public static object GoogleCode(string authCode) => new { provider = "oauth2-google", authCode };

    private static IEnumerable<(string Type, string Id)> IdentitiesOf(JsonElement profile) =>
        profile.GetProperty("identities").EnumerateArray().Select(i => (i.GetProperty("providerType").GetString()!, i.GetProperty("id").GetString()!));

    [Theory]
    [InlineData("oauth2-google", Google)]
    [InlineData("oauth2-apple", Apple)]
    [InlineData("oidc", Oidc)]
    public async Task An_id_token_of_the_flow_makes_the_user_once_and_logs_it_in_again(string provider, string issuer)
    {
        var subject = NewSubject();

        var first = await _api.LogIn(await _api.NewDevice(), IdToken(provider, await gateway.IdToken(issuer, subject)));
        var second = await _api.LogIn(await _api.NewDevice(), IdToken(provider, await gateway.IdToken(issuer, subject, nonce: "n-1"), "n-1"));

        Assert.Equal(first.UserId, second.UserId);
        var profile = await _api.ProfileOf(second.AccessToken);
        Assert.Equal([(provider, subject)], IdentitiesOf(profile));
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("email").ValueKind);
        Assert.Equal(
            $$"""{"name":"{{subject}} Example","email":"{{subject}}@mail.example","picture":"https://pictures.example/{{subject}}.png","firstName":"{{subject}}","lastName":"Example"}""",
            profile.GetProperty("metadata").GetRawText());
        Assert.Equal(profile.GetProperty("metadata").GetRawText(), (await _api.AdminViewOf(second.UserId)).GetProperty("metadata").GetRawText());
    }

    [Fact]
    public async Task A_google_code_is_redeemed_by_the_service_for_the_same_user_as_an_id_token()
    {
        var subject = NewSubject();
        var byToken = await _api.LogIn(await _api.NewDevice(), IdToken("oauth2-google", await gateway.IdToken(Google, subject)));

        var byCode = await _api.LogIn(await _api.NewDevice(), GoogleCode(await gateway.GoogleCode(subject)));

        Assert.Equal(byToken.UserId, byCode.UserId);
    }

    [Fact]
    public async Task Google_accepts_an_additional_audience_and_its_bare_issuer_name()
    {
        var device = await _api.NewDevice();

        await _api.LogIn(device, IdToken("oauth2-google", await gateway.Minted(Google, NewSubject(), new() { ["aud"] = ProvidersGateway.OtherGoogleApp })));
        await _api.LogIn(device, IdToken("oauth2-google", await gateway.Minted(Google, NewSubject(), new() { ["iss"] = "accounts.google.com" })));

        Assert.Equal(2, (await _api.UserIds(device)).Length);
    }

    [Fact]
    public async Task A_key_the_issuer_publishes_later_is_fetched_once_and_unknown_keys_do_not_refetch_within_a_minute()
    {
        var device = await _api.NewDevice();
        await _api.LogIn(device, IdToken("oidc", await gateway.IdToken(Oidc, NewSubject())));
        var reads = await gateway.Op.JwksReadsAsync(Oidc);

        await gateway.Op.PublishKeyAsync(Oidc);
        await _api.LogIn(device, IdToken("oidc", await gateway.Minted(Oidc, NewSubject(), key: "published")));
        Assert.Equal(reads + 1, await gateway.Op.JwksReadsAsync(Oidc));

        for (var i = 0; i < 3; i++)
        {
            var unknown = await gateway.Minted(Oidc, NewSubject(), key: "foreign");
            await Problem(await _api.TryLogIn(device, IdToken("oidc", unknown)), HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        Assert.Equal(reads + 1, await gateway.Op.JwksReadsAsync(Oidc));
    }

    [Fact]
    public async Task A_google_identity_links_to_a_signed_in_user_once_and_then_logs_it_in()
    {
        var (account, login) = await _api.NewUser(await _api.NewDevice());
        var other = await _api.LogIn(await _api.NewDevice(), Anonymous);
        var subject = NewSubject();

        var linked = await Json(await _api.Link(login.AccessToken, IdToken("oauth2-google", await gateway.IdToken(Google, subject))));

        Assert.Contains(("oauth2-google", subject), IdentitiesOf(linked));
        Assert.Equal(account.Email, linked.GetProperty("email").GetString());
        await Problem(
            await _api.Link(other.AccessToken, GoogleCode(await gateway.GoogleCode(subject))), HttpStatusCode.Conflict, "identity-in-use");
        Assert.Equal(account.UserId, (await _api.LogIn(await _api.NewDevice(), IdToken("oauth2-google", await gateway.IdToken(Google, subject)))).UserId);
    }

    [Fact]
    public async Task A_disabled_user_cannot_log_in_with_its_identity()
    {
        var subject = NewSubject();
        var login = await _api.LogIn(await _api.NewDevice(), IdToken("oauth2-apple", await gateway.IdToken(Apple, subject)));
        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{login.UserId}/disable"));

        var refused = await _api.TryLogIn(await _api.NewDevice(), IdToken("oauth2-apple", await gateway.IdToken(Apple, subject)));

        await Problem(refused, HttpStatusCode.Unauthorized, "user-disabled");
    }
}
