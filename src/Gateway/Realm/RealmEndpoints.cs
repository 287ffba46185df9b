using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Gateway.Callers;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Email;
using OrleansSessions.Gateway.Endpoints;
using OrleansSessions.Gateway.Tokens;
using OrleansSessions.Gateway.Telemetry;
using OrleansSessions.Gateway.Accounts;
using OrleansSessions.Gateway.Limits;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Realm;

/// <summary>
/// The Realm-compatible client API: the routes the published realm-web client calls, answered by the same services
/// and grain calls as /v1, in Realm's shapes (snake_case JSON, Realm error codes). See README, "Coming from Realm".
/// </summary>
public static class RealmEndpoints
{
    public const string Root = "/api/client/v2.0";

    public static IEndpointRouteBuilder MapRealmEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Root).WithTags("Realm-compatible client API");

        var realmApp = api.MapGroup("/app/{appId}").AddEndpointFilter(RequireThisApp);
        realmApp.MapGet("/location", Location).WithSummary("Where the Realm client sends its requests.");
        realmApp.MapPost("/auth/providers/{provider}/login", LogIn)
            .WithSummary("Logs in (any provider, with realm-web's bodies) on the client's device, or links with ?link=true.")
            .RequireRateLimiting(RateLimits.PerAddress).ChecksPasswords();

        var userPass = realmApp.MapGroup("/auth/providers/local-userpass").RequireRateLimiting(RateLimits.PerAddress);
        userPass.MapPost("/register", Register).ChecksPasswords().WithSummary("Registers an email/password account (201, no body).");
        userPass.MapPost("/confirm", AccountEndpoints.Confirm).WithMetadata(AccountEndpoints.TokenInBodyIsBadRequest)
            .WithSummary("Confirms a pending account with the token mailed to it.");
        userPass.MapPost("/confirm/send", AccountEndpoints.SendConfirmation).WithSummary("Mails a new confirmation token.");
        userPass.MapPost("/reset/send", AccountEndpoints.SendPasswordReset).WithSummary("Mails a password reset token.");
        userPass.MapPost("/reset", AccountEndpoints.ResetPassword).ChecksPasswords().WithMetadata(AccountEndpoints.TokenInBodyIsBadRequest)
            .WithSummary("Sets a new password with a reset token.");

        RealmRedirectEndpoints.MapRealmRedirects(api, realmApp);

        var auth = api.MapGroup("/auth");
        auth.MapGet("/profile", GetProfile).WithSummary("The signed-in user's profile, in Realm's shape.");
        auth.MapPost("/session", Refresh).WithSummary("A new access token for a refresh token (which stays the same).");
        auth.MapDelete("/session", LogOut).WithSummary("Logs out the session of a refresh token.");
        auth.MapDelete("/delete", DeleteUser).WithSummary("Deletes the signed-in user's account.");

        api.MapFallback("/{**path}", NotFound).ExcludeFromDescription();
        return app;
    }

    /// <summary>A request naming another app than the configured one is answered as an unknown path.</summary>
    private static ValueTask<object?> RequireThisApp(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var configured = context.HttpContext.RequestServices.GetRequiredService<IOptions<RealmOptions>>().Value.AppId;
        return configured is not null && Equals(context.HttpContext.GetRouteValue("appId"), configured)
            ? next(context)
            : throw AppNotFound();
    }

    /// <summary>
    /// This gateway's public base address, never the request's Host header (anyone can send one): the configured
    /// <see cref="RealmOptions.PublicBaseUrl"/>, else the first address Kestrel listens on (https first; a wildcard
    /// host read as <c>localhost</c>).
    /// </summary>
    public static string PublicBaseOf(HttpRequest request, RealmOptions options) =>
        (options.PublicBaseUrl?.ToString() ?? ListeningAddress(request.HttpContext.RequestServices) + request.PathBase).TrimEnd('/');

    private static string ListeningAddress(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var first = addresses.OrderByDescending(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase)).FirstOrDefault();
        if (first is null)
        {
            return "http://localhost";
        }

        var address = BindingAddress.Parse(first);
        var host = address.Host is "+" or "*" or "0.0.0.0" or "[::]" ? "localhost" : address.Host;
        return $"{address.Scheme}://{host}:{address.Port}";
    }

    private static RealmLocation Location(HttpRequest request, IOptions<RealmOptions> options)
    {
        var hostname = PublicBaseOf(request, options.Value);
        var secure = hostname.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
        return new RealmLocation("GLOBAL", "US-VA", hostname, (secure ? "wss" : "ws") + hostname[hostname.IndexOf(':')..]);
    }

    private static async Task<RealmLoginResponse> LogIn(
        string provider, bool? link, JsonElement? body, HttpContext http, Logins logins, RealmDevices devices, RealmTokens tokens,
        AccessTokens accessTokens, IOptions<JsonOptions> json)
    {
        var (credentials, device) = RealmLoginRequest.Read(provider, body, json.Value.SerializerOptions);
        if (link == true)
        {
            var caller = new UserCaller(await accessTokens.ValidateAsync(BearerToken.From(http)));
            await logins.LinkAsync(caller, credentials);
            var deviceId = caller.Claims.DeviceId;
            return new RealmLoginResponse(await tokens.IssueAsync(caller.UserId, caller.SessionId, deviceId), null, caller.UserId, deviceId);
        }

        var (grant, refreshToken) = await devices.LogInAsync(device, credentials);
        return new RealmLoginResponse(
            await tokens.IssueAsync(grant.UserId, grant.SessionId, grant.DeviceId), refreshToken.ToString(), grant.UserId, grant.DeviceId);
    }

    /// <summary>/v1's registration; Realm answers it with 201 and no body.</summary>
    private static async Task<Created> Register(
        RegisterRequest? body, IGrainFactory grains, IOptions<SessionsOptions> options, IEmailSender email)
    {
        await AccountEndpoints.Register(body, grains, options, email);
        return TypedResults.Created();
    }

    private static async Task<RealmProfile> GetProfile(UserCaller caller, IGrainFactory grains, IOptions<RealmOptions> options) =>
        RealmProfile.From(await caller.User(grains).GetProfile(caller.SessionId), options.Value.AppId!);

    /// <summary>
    /// A new access token; the refresh token is not rotated (its successor is itself), since realm-web keeps using the
    /// one it got at login and a rotated-away token would end the session once its reuse grace had passed.
    /// </summary>
    private static async Task<RealmSessionResponse> Refresh(RefreshCaller caller, IGrainFactory grains, RealmTokens tokens)
    {
        var grant = await GatewayMetrics.CountResult(
            GatewayMetrics.Refreshes, () => caller.User(grains).Refresh(caller.Token.SessionId, caller.Token.Hash, caller.Token.Hash));
        return new RealmSessionResponse(await tokens.IssueAsync(grant.UserId, grant.SessionId, grant.DeviceId));
    }

    private static async Task<NoContent> LogOut(RefreshCaller caller, IGrainFactory grains)
    {
        await caller.User(grains).LogoutWithRefreshToken(caller.Token.SessionId, caller.Token.Hash);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> DeleteUser(UserCaller caller, IGrainFactory grains)
    {
        await caller.User(grains).DeleteSelf(caller.SessionId);
        return TypedResults.NoContent();
    }

    private static IResult NotFound() => throw AppNotFound();

    private static SessionsException AppNotFound() => new(ErrorCodes.NotFound, "app not found, or no such route");
}
