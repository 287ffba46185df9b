using Microsoft.AspNetCore.Http.HttpResults;
using OrleansSessions.Abstractions;
using OrleansSessions.Gateway.Callers;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.Tokens;
using OrleansSessions.Gateway.Telemetry;
using OrleansSessions.Gateway.Accounts;
using OrleansSessions.Gateway.Limits;

namespace OrleansSessions.Gateway.Endpoints;

/// <summary>A signed-in user's routes: its session, profile, identities, sessions and account.</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/v1/auth").WithTags("Users");
        auth.MapPost("/session", Refresh).WithSummary("Hands out a new access token and the next refresh token.")
            .Refuses(ErrorCodes.InvalidSession);
        auth.MapDelete("/session", LogOut).WithSummary("Logs out the session of a refresh token.")
            .Refuses(ErrorCodes.InvalidSession);
        auth.MapGet("/profile", GetProfile).WithSummary("The signed-in user's profile.")
            .Refuses(ErrorCodes.InvalidToken, ErrorCodes.TokenExpired, ErrorCodes.SessionRevoked);
        auth.MapPost("/identities", Link).WithSummary("Links another identity to the signed-in user.").ChecksPasswords()
            .Refuses([.. RouteErrors.BadBody, ErrorCodes.InvalidToken, ErrorCodes.TokenExpired, ErrorCodes.SessionRevoked, ErrorCodes.CannotLinkAnonymous, ErrorCodes.InvalidCredentials,
                ErrorCodes.UserPending, ErrorCodes.IdentityInUse, ErrorCodes.RateLimited]);
        auth.MapGet("/sessions", ListSessions).WithSummary("The signed-in user's sessions.")
            .Refuses(ErrorCodes.InvalidToken, ErrorCodes.TokenExpired, ErrorCodes.SessionRevoked);
        auth.MapDelete("/sessions/{sessionId}", EndSession).WithSummary("Ends one of the user's sessions.")
            .Refuses(ErrorCodes.InvalidToken, ErrorCodes.TokenExpired, ErrorCodes.SessionRevoked, ErrorCodes.SessionNotFound);
        auth.MapDelete("/sessions", EndSessions).WithSummary("Ends every session of the user (scope=all) or every other one (scope=others).")
            .Refuses(ErrorCodes.InvalidToken, ErrorCodes.TokenExpired, ErrorCodes.SessionRevoked, ErrorCodes.ValidationFailed);
        auth.MapDelete("/user", DeleteUser).WithSummary("Deletes the signed-in user's account.")
            .Refuses(ErrorCodes.InvalidToken, ErrorCodes.TokenExpired, ErrorCodes.SessionRevoked);
        auth.MapPost("/password", ChangePassword).ChecksPasswords()
            .WithSummary("Changes the signed-in user's password; every other session of the user ends.")
            .Refuses([.. RouteErrors.BadBody, ErrorCodes.InvalidToken, ErrorCodes.TokenExpired, ErrorCodes.SessionRevoked, ErrorCodes.InvalidPassword, ErrorCodes.InvalidCredentials, ErrorCodes.RateLimited]);
        return app;
    }

    /// <summary>Rotates the refresh token: the answer's <c>refreshToken</c> is the one to use from now on.</summary>
    private static async Task<RefreshResponse> Refresh(
        RefreshCaller caller, IGrainFactory grains, AccessTokens tokens, SigningKeyRing keys)
    {
        var successor = caller.Token.Successor(await keys.RefreshTokenKeyAsync(), await keys.SealAsync());
        var grant = await GatewayMetrics.CountResult(
            GatewayMetrics.Refreshes, () => caller.User(grains).Refresh(caller.Token.SessionId, caller.Token.Hash, successor.Hash));
        return new RefreshResponse(
            await tokens.IssueAsync(grant.UserId, grant.SessionId, grant.DeviceId), successor.ToString());
    }

    private static async Task<NoContent> LogOut(RefreshCaller caller, IGrainFactory grains)
    {
        await caller.User(grains).LogoutWithRefreshToken(caller.Token.SessionId, caller.Token.Hash);
        return TypedResults.NoContent();
    }

    private static async Task<ProfileResponse> GetProfile(UserCaller caller, IGrainFactory grains) =>
        ProfileResponse.From(await caller.User(grains).GetProfile(caller.SessionId));

    private static async Task<ProfileResponse> Link(UserCaller caller, Credentials? body, Logins logins) =>
        ProfileResponse.From(await logins.LinkAsync(caller, body));

    private static async Task<SessionsResponse> ListSessions(UserCaller caller, IGrainFactory grains)
    {
        var sessions = await caller.User(grains).GetSessions(caller.SessionId);
        return new SessionsResponse(sessions.Select(s => SessionResponse.From(s, caller.SessionId)).ToList());
    }

    private static async Task<NoContent> EndSession(UserCaller caller, string sessionId, IGrainFactory grains)
    {
        await caller.User(grains).EndSession(caller.SessionId, sessionId);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> EndSessions(UserCaller caller, string? scope, IGrainFactory grains)
    {
        Require.That(scope is null or "all" or "others", "'scope' is 'all' or 'others'.");
        await caller.User(grains).EndSessions(caller.SessionId, keepCurrent: scope == "others");
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> ChangePassword(UserCaller caller, PasswordChangeRequest? body, IGrainFactory grains)
    {
        Require.Body(body);
        var current = new Secret(Require.Field(body.CurrentPassword, "currentPassword"));
        var next = Passwords.Require(body.NewPassword, "newPassword");
        await caller.User(grains).ChangePassword(caller.SessionId, current, next);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> DeleteUser(UserCaller caller, IGrainFactory grains)
    {
        await caller.User(grains).DeleteSelf(caller.SessionId);
        return TypedResults.NoContent();
    }
}
