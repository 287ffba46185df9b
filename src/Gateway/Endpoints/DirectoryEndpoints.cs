using OrleansSessions.Abstractions;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.UserDirectory;

namespace OrleansSessions.Gateway.Endpoints;

/// <summary>
/// ADMIN.md's user directory (admin key): the list of users, its counts and background rebuild, and ending one session.
/// </summary>
public static class DirectoryEndpoints
{
    public static RouteGroupBuilder MapDirectoryEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/stats", Stats).WithSummary("How many users there are of each status and kind, and their live sessions.")
            .Refuses(ErrorCodes.InvalidAdminKey);
        admin.MapPost("/directory/rebuild", StartRebuild)
            .WithSummary("Starts building the user directory again from the users' own state, in the background (unless running).")
            .Refuses(ErrorCodes.InvalidAdminKey);
        admin.MapGet("/directory/rebuild", ShowRebuild)
            .WithSummary("How the last rebuild of the user directory stands.")
            .Refuses(ErrorCodes.InvalidAdminKey);
        admin.MapDelete("/users/{userId}/sessions/{sessionId}", EndSession)
            .WithSummary("Ends one session of the user; its device applies the fallback rule.")
            .Refuses(ErrorCodes.InvalidAdminKey, ErrorCodes.UserNotFound, ErrorCodes.SessionNotFound);
        return admin;
    }

    /// <summary>A page of users: newest first, or in email order when searching; filters, limit and cursor checked.</summary>
    public static async Task<UserListResponse> List(
        HttpRequest request, IGrainFactory grains, UserCursors cursors)
    {
        var given = request.Query;
        var query = UserListRequest.Parse(
            given["status"], given["type"], given["provider"], given["q"], given["limit"], given["cursor"], cursors);
        var page = await Directory(grains).List(query);
        return new UserListResponse(
            page.Users.Select(UserSummaryResponse.From).ToList(),
            page.EndsAt is { } endsAt ? cursors.Issue(query, endsAt) : null);
    }

    private static async Task<StatsResponse> Stats(IGrainFactory grains) =>
        StatsResponse.From(await Directory(grains).Count());

    private static async Task<Accepted<RebuildResponse>> StartRebuild(HttpRequest request, IGrainFactory grains) =>
        TypedResults.Accepted(request.Path, RebuildResponse.From(await Rebuilder(grains).Start()));

    private static async Task<RebuildResponse> ShowRebuild(IGrainFactory grains) =>
        RebuildResponse.From(await Rebuilder(grains).Status());

    private static async Task<NoContent> EndSession(string userId, string sessionId, IGrainFactory grains)
    {
        if (!Ids.IsWellFormed(userId))
        {
            throw new SessionsException(ErrorCodes.UserNotFound, "No user has this id.");
        }

        await grains.GetGrain<IUserGrain>(userId).EndSessionByAdmin(sessionId);
        return TypedResults.NoContent();
    }

    private static IUserDirectoryGrain Directory(IGrainFactory grains) => grains.GetGrain<IUserDirectoryGrain>(0);

    private static IDirectoryRebuildGrain Rebuilder(IGrainFactory grains) => grains.GetGrain<IDirectoryRebuildGrain>(0);
}
