using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.UserDirectory;

namespace OrleansSessions.Gateway.Endpoints;

/// <summary>ADMIN.md's user directory (admin key): the list of users and its counts.</summary>
public static class DirectoryEndpoints
{
    public static RouteGroupBuilder MapDirectoryEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/stats", Stats).WithSummary("How many users there are of each status and kind, and their live sessions.")
            .Refuses(ErrorCodes.InvalidAdminKey);
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

    private static IUserDirectoryGrain Directory(IGrainFactory grains) => grains.GetGrain<IUserDirectoryGrain>(0);
}
