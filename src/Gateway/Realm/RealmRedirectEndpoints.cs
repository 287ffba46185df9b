using System.Buffers.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Redirects;
using OrleansSessions.Gateway.Accounts;
using OrleansSessions.Gateway.Callers;
using OrleansSessions.Gateway.Limits;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.Redirects;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Realm;

/// <summary>
/// realm-web's redirect (popup) logins and links with Google, Apple and Facebook (PROVIDERS.md, "Redirect (popup)
/// flows"): the login route sends the browser to the provider (or, for a link, names it in <c>X-Baas-Location</c>);
/// the provider returns to the callback, which logs in or links and sends the browser to the app's page with the
/// result in the fragment, where realm-web's <c>handleAuthRedirect</c> reads it.
/// </summary>
public static class RealmRedirectEndpoints
{
    public const string CallbackPath = "/auth/callback";
    public const string LocationHeader = "X-Baas-Location";

    public static void MapRealmRedirects(RouteGroupBuilder api, RouteGroupBuilder realmApp)
    {
        realmApp.MapGet("/auth/providers/{provider}/login", Start)
            .WithSummary("Starts a redirect login (or, with ?link=true and an access token, a link) with Google, Apple or Facebook.")
            .RequireRateLimiting(RateLimits.PerAddress);
        api.MapMethods(CallbackPath, [HttpMethods.Get, HttpMethods.Post], Callback)
            .WithSummary("Where the provider returns (GET, or Apple's and Google's form_post); redirects to the app's page.")
            .RequireRateLimiting(RateLimits.PerAddress);
    }

    private static async Task<IResult> Start(
        string provider, string? state, string? redirect, string? device, bool? link, bool? providerRedirectHeader,
        HttpContext http, RedirectFlows flows, AccessTokens accessTokens, IOptions<RealmOptions> realm, IOptions<JsonOptions> json)
    {
        var redirectProvider = flows.Find(provider);
        Require.That(state is { Length: > 0 and <= 256 }, "'state' is required (at most 256 characters).");
        var target = Require.Field(redirect, "redirect");
        RedirectLinkTarget? linking = null;
        if (link == true)
        {
            var claims = await accessTokens.ValidateAsync(BearerToken.From(http));
            linking = new RedirectLinkTarget(claims.UserId, claims.SessionId, claims.DeviceId, claims.ExpiresAt);
        }

        var callback = RealmEndpoints.PublicBaseOf(http.Request, realm.Value) + RealmEndpoints.Root + CallbackPath;
        var started = flows.StartAsync(
            redirectProvider, state, target, callback, DeviceOf(device, json.Value.SerializerOptions), linking, http.RequestAborted);
        if (providerRedirectHeader == true)
        {
            http.Response.Headers[LocationHeader] = (await started).ToString();
            return Results.Ok();
        }

        try
        {
            return Results.Redirect((await started).ToString());
        }
        catch (SessionsException failure) when (failure.Code == ErrorCodes.Unavailable)
        {
            return Fragment(target, ("_baas_error", failure.Message), ("_baas_state", state));
        }
    }

    private static async Task<IResult> Callback(
        HttpContext http, RedirectFlows flows, Logins logins, RealmDevices devices, RealmTokens tokens, IOptions<RealmOptions> realm)
    {
        var fields = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(http.RequestAborted)).ToDictionary()
            : http.Request.Query.ToDictionary();
        string? Field(string name) => fields.TryGetValue(name, out var value) && value.Count == 1 ? value[0] : null;
        var (flow, provider) = await flows.TakeAsync(Field("state"))
            ?? throw Require.Invalid("This sign-in is unknown, was finished already or took too long; start it again.");
        try
        {
            var code = Field("code") ?? throw new SessionsException(
                ErrorCodes.InvalidCredentials, $"The provider did not sign the user in ({Field("error") ?? "no code"}).");
            var credentials = await provider.RedeemAsync(code, flow, http.RequestAborted);
            string userAuth;
            if (flow.Link is { } link)
            {
                var caller = new UserCaller(new AccessTokenClaims(link.UserId, link.SessionId, link.DeviceId, link.ExpiresAt));
                await logins.LinkAsync(caller, credentials);
                userAuth = $"{await tokens.IssueAsync(link.UserId, link.SessionId, link.DeviceId)}$${link.UserId}${link.DeviceId}";
            }
            else
            {
                var device = flow.Device is { } d ? new RealmDevice(d.Id is null ? null : JsonSerializer.SerializeToElement(d.Id), d.Platform, d.PlatformVersion) : null;
                var (grant, refreshToken) = await devices.LogInAsync(device, credentials);
                var access = await tokens.IssueAsync(grant.UserId, grant.SessionId, grant.DeviceId);
                userAuth = $"{access}${refreshToken}${grant.UserId}${grant.DeviceId}";
            }

            return Fragment(
                flow.Redirect, ("_baas_client_app_id", realm.Value.AppId!), ("_baas_ua", userAuth), ("_baas_state", flow.ClientState));
        }
        catch (SessionsException failure)
        {
            return Fragment(flow.Redirect, ("_baas_error", failure.Message), ("_baas_state", flow.ClientState));
        }
    }

    /// <summary>
    /// A redirect to the app's page with the result in the fragment, each value escaped as realm-web decodes it. Not
    /// <c>Results.Redirect</c>, which logs where it redirects to: here, with the tokens.
    /// </summary>
    private static FragmentRedirect Fragment(string redirect, params (string Name, string Value)[] fields) =>
        new(redirect + "#" + string.Join('&', fields.Select(f => $"{f.Name}={Uri.EscapeDataString(f.Value)}")));

    private sealed record FragmentRedirect(string Url) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Redirect(Url);
            return Task.CompletedTask;
        }
    }

    /// <summary>realm-web's <c>device</c>: its device information as base64 JSON (<c>deviceId</c>, <c>platform</c>, …).</summary>
    private static RedirectDevice? DeviceOf(string? encoded, JsonSerializerOptions json)
    {
        if (string.IsNullOrEmpty(encoded))
        {
            return null;
        }

        try
        {
            var text = encoded.Replace('+', '-').Replace('/', '_').TrimEnd('=');
            var device = JsonSerializer.Deserialize<RealmDevice>(Base64Url.DecodeFromChars(text), json);
            return device is null ? null : new RedirectDevice(device.Id, device.Platform, device.PlatformVersion);
        }
        catch (Exception invalid) when (invalid is FormatException or JsonException)
        {
            throw Require.Invalid("'device' is not base64-encoded device information.");
        }
    }
}
