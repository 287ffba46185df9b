using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Web;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.TestSupport.Providers;
using static OrleansSessions.Realm.Tests.RealmRedirects;

namespace OrleansSessions.Realm.Tests;

/// <summary>
/// realm-web's redirect (popup) logins and links with Google and Apple (through the real OpenID Provider, form_post),
/// and Facebook (the fake dialog and code exchange): realm-web 2.0.1 itself under Node (client/flows/redirects.mjs, its
/// popup played by the script), and over HTTP as realm-web and the browser send them.
/// </summary>
[Collection(ProvidersRealmGatewayCollection.Name)]
public sealed class RealmRedirectTests(ProvidersRealmGateway gateway, RealmClient client)
{
    private const string Page = ProvidersRealmGateway.AppPage;

    private string Callback => gateway.BaseAddress.ToString().TrimEnd('/') + "/api/client/v2.0/auth/callback";

    [Theory]
    [InlineData(ProviderTypes.Google, OpenIdProviderStandIn.Google)]
    [InlineData(ProviderTypes.Apple, OpenIdProviderStandIn.Apple)]
    public async Task An_openid_redirect_login_hands_the_app_page_realm_webs_tokens_once(string provider, string issuer)
    {
        using var http = gateway.NewHttpClient(followRedirects: false);
        var subject = $"sub-{Guid.NewGuid():N}";
        var state = NewState();
        var jwtsBefore = await gateway.Op.ClientJwtsAsync(issuer);

        var start = await http.GetAsync(StartPath(provider, state, Page));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorization = start.Headers.Location!;
        Assert.StartsWith(gateway.Op.Issuer(issuer) + "/auth?", authorization.ToString());
        var query = HttpUtility.ParseQueryString(authorization.Query);
        Assert.Equal((Callback, "form_post", "S256", OpenIdProviderStandIn.ClientId(issuer)),
            (query["redirect_uri"], query["response_mode"], query["code_challenge_method"], query["client_id"]));
        Assert.NotEqual(state, query["state"]);
        Assert.False(string.IsNullOrEmpty(query["nonce"]) || string.IsNullOrEmpty(query["code_challenge"]));

        var back = await OpenIdProviderStandIn.SignInAsync(authorization, subject);
        Assert.Equal(Callback, back.Address.ToString());
        gateway.NoteSecret(back.Form!["code"]);
        var result = ResultOf(gateway, await http.PostAsync(back.Address, new FormUrlEncodedContent(back.Form!)), Page);
        Assert.Equal((RealmGateway.AppId, state), (result["_baas_client_app_id"], result["_baas_state"]));
        var (access, refresh, userId, deviceId) = Parts(result["_baas_ua"]);
        Assert.False(string.IsNullOrEmpty(refresh));
        Assert.Equal(24, deviceId.Length);
        var profile = await ProfileAsync(access);
        Assert.Equal(userId, profile.GetProperty("user_id").GetString());
        Assert.Contains(profile.GetProperty("identities").EnumerateArray(),
            i => i.GetProperty("id").GetString() == subject && i.GetProperty("provider_type").GetString() == provider);
        if (issuer == OpenIdProviderStandIn.Apple)
        {
            Assert.True(await gateway.Op.ClientJwtsAsync(issuer) > jwtsBefore, "Apple's code was redeemed with a minted client secret");
        }

        var replay = await gateway.JsonOf(await http.PostAsync(back.Address, new FormUrlEncodedContent(back.Form!)), HttpStatusCode.BadRequest);
        Assert.Equal("BadRequest", replay.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task Realm_web_logs_in_with_google_and_apple_popups_and_links_facebook_by_popup()
    {
        var facebookId = $"{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}";
        await client.RunAsync(gateway, "redirects", $"sub-{Guid.NewGuid():N}", Page, facebookId);
    }

    [Fact]
    public async Task A_facebook_redirect_login_logs_in_on_the_clients_device_with_its_profile()
    {
        using var http = gateway.NewHttpClient(followRedirects: false);
        var firstId = await FacebookLoginAsync(http, null);
        var userId = $"{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}";
        var state = NewState();
        var start = await http.GetAsync(StartPath(ProviderTypes.Facebook, state, Page, deviceId: firstId));
        Assert.StartsWith(gateway.Graph.DialogUrl + "?", start.Headers.Location!.ToString());
        // Facebook's code comes back in the callback's query (it has no form_post), which the request log of ASP.NET Core
        // holds at Information (off by default: Microsoft.AspNetCore is at Warning); so it is not noted as a secret here.
        var back = await FacebookDialogAsync(start.Headers.Location!, userId);
        var result = ResultOf(gateway, await http.GetAsync(back), Page);

        var (access, _, _, deviceId) = Parts(result["_baas_ua"]);
        Assert.Equal((state, firstId), (result["_baas_state"], deviceId));
        var data = (await ProfileAsync(access)).GetProperty("data");
        Assert.Equal($"{userId} Facebook", data.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_redirect_link_names_the_provider_in_x_baas_location_for_a_credentialed_cors_request()
    {
        using var http = gateway.NewHttpClient(followRedirects: false);
        var login = await gateway.JsonOf(await http.PostAsJsonAsync($"{App}/auth/providers/oauth2-google/login",
            new { id_token = await gateway.Op.IdTokenAsync(OpenIdProviderStandIn.Google, $"sub-{Guid.NewGuid():N}") }), HttpStatusCode.OK);
        var access = login.GetProperty("access_token").GetString()!;
        var state = NewState();
        using var request = new HttpRequestMessage(HttpMethod.Get, StartPath(ProviderTypes.Facebook, state, Page, link: true));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        request.Headers.Add("Origin", RealmGateway.AllowedOrigin);
        var start = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Equal("true", Assert.Single(start.Headers.GetValues("Access-Control-Allow-Credentials")));
        Assert.Contains("X-Baas-Location", Assert.Single(start.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
        var dialog = new Uri(Assert.Single(start.Headers.GetValues("X-Baas-Location")));
        var facebookId = $"{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}";
        var result = ResultOf(gateway, await http.GetAsync(await FacebookDialogAsync(dialog, facebookId)), Page);

        var (linkedAccess, refresh, userId, _) = Parts(result["_baas_ua"]);
        Assert.Equal((login.GetProperty("user_id").GetString(), ""), (userId, refresh));
        var identities = (await ProfileAsync(linkedAccess)).GetProperty("identities").EnumerateArray().Select(i => i.GetProperty("provider_type").GetString());
        Assert.Equal(["oauth2-google", "oauth2-facebook"], identities.Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public async Task A_redirect_not_listed_or_a_provider_without_redirects_is_refused_without_a_redirect()
    {
        using var http = gateway.NewHttpClient(followRedirects: false);
        foreach (var path in new[]
        {
            StartPath(ProviderTypes.Google, NewState(), "https://evil.example/auth-redirect"),
            StartPath(ProviderTypes.Facebook, NewState(), Page + "/"),
            StartPath(ProviderTypes.Oidc, NewState(), Page),
            StartPath(ProviderTypes.Google, "", Page),
            $"{App}/auth/providers/oauth2-google/login?state=abc&redirect={Uri.EscapeDataString(Page)}&device=not-base64-json",
        })
        {
            var refused = await gateway.JsonOf(await http.GetAsync(path), HttpStatusCode.BadRequest);
            Assert.Equal("BadRequest", refused.GetProperty("error_code").GetString());
        }

        var unknown = await gateway.JsonOf(await http.GetAsync("/api/client/v2.0/auth/callback?state=nothing-started&code=x"), HttpStatusCode.BadRequest);
        Assert.Equal("BadRequest", unknown.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task A_refusal_or_an_unreachable_provider_is_an_error_on_the_app_page()
    {
        using var http = gateway.NewHttpClient(followRedirects: false);
        var state = NewState();
        var start = await http.GetAsync(StartPath(ProviderTypes.Facebook, state, Page));
        var denied = ResultOf(gateway, await http.GetAsync(await FacebookDialogAsync(start.Headers.Location!, "42", deny: true)), Page);
        Assert.Equal(state, denied["_baas_state"]);
        Assert.Contains("access_denied", denied["_baas_error"]);

        state = NewState();
        start = await http.GetAsync(StartPath(ProviderTypes.Google, state, Page));
        var back = await OpenIdProviderStandIn.SignInAsync(start.Headers.Location!, $"sub-{Guid.NewGuid():N}");
        gateway.NoteSecret(back.Form!["code"]);
        await gateway.Op.SetTokenFaultAsync(OpenIdProviderStandIn.Google, "500");
        try
        {
            var failed = ResultOf(gateway, await http.PostAsync(back.Address, new FormUrlEncodedContent(back.Form!)), Page);
            Assert.Equal(state, failed["_baas_state"]);
            Assert.Contains("cannot be reached", failed["_baas_error"]);
            Assert.False(failed.ContainsKey("_baas_ua"));
        }
        finally
        {
            await gateway.Op.SetTokenFaultAsync(OpenIdProviderStandIn.Google, null);
        }
    }

    private async Task<string> FacebookLoginAsync(HttpClient http, string? deviceId)
    {
        var start = await http.GetAsync(StartPath(ProviderTypes.Facebook, NewState(), Page, deviceId));
        var back = await FacebookDialogAsync(start.Headers.Location!, $"{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}");
        return Parts(ResultOf(gateway, await http.GetAsync(back), Page)["_baas_ua"]).DeviceId;
    }

    private async Task<System.Text.Json.JsonElement> ProfileAsync(string accessToken)
    {
        using var http = gateway.NewHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/client/v2.0/auth/profile");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await gateway.JsonOf(await http.SendAsync(request), HttpStatusCode.OK);
    }

    private static (string Access, string Refresh, string UserId, string DeviceId) Parts(string userAuth)
    {
        var parts = userAuth.Split('$');
        Assert.Equal(4, parts.Length);
        return (parts[0], parts[1], parts[2], parts[3]);
    }
}
