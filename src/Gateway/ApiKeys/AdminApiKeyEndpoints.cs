using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.ApiKeys;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Callers;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Problems;

namespace OrleansSessions.Gateway.ApiKeys;

/// <summary>The admin's API-key routes (admin key): server keys with their server users, and any user's keys.</summary>
public static class AdminApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapAdminApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var server = app.MapGroup("/v1/admin/api-keys").WithTags("Admin: API keys").WithNoStore()
            .RequireAuthorization(AdminKeyAuthentication.PolicyName);
        server.MapPost("/", Create).WithSummary("Makes a server API key and its server user; its secret, key, is shown this once.")
            .Refuses([.. RouteErrors.BadBody, ErrorCodes.InvalidAdminKey, ErrorCodes.ApiKeyNameInUse, ErrorCodes.ApiKeyLimitReached]);
        server.MapGet("/", List).WithSummary("The server API keys, oldest first.").Refuses(ErrorCodes.InvalidAdminKey);
        server.MapGet("/{keyId}", Get).WithSummary("A server API key.").Refuses(ErrorCodes.InvalidAdminKey, ErrorCodes.ApiKeyNotFound);
        server.MapPost("/{keyId}/disable", (string keyId, IGrainFactory grains) => Act(Server(grains).Disable(keyId)))
            .WithSummary("The key logs in no more, and its server user's sessions end.").Refuses(ErrorCodes.InvalidAdminKey, ErrorCodes.ApiKeyNotFound);
        server.MapPost("/{keyId}/enable", (string keyId, IGrainFactory grains) => Act(Server(grains).Enable(keyId)))
            .WithSummary("The key logs in again.").Refuses(ErrorCodes.InvalidAdminKey, ErrorCodes.ApiKeyNotFound);
        server.MapDelete("/{keyId}", (string keyId, IGrainFactory grains) => Act(Server(grains).Delete(keyId)))
            .WithSummary("The key, its server user and its sessions are gone.").Refuses(ErrorCodes.InvalidAdminKey, ErrorCodes.ApiKeyNotFound);

        var user = app.MapGroup("/v1/admin/users/{userId}/api-keys").WithTags("Admin: API keys").WithNoStore()
            .RequireAuthorization(AdminKeyAuthentication.PolicyName);
        user.MapGet("/", ListOfUser).WithSummary("A user's API keys, oldest first.").Refuses(ErrorCodes.InvalidAdminKey, ErrorCodes.UserNotFound);
        user.MapDelete("/{keyId}", DeleteOfUser).WithSummary("Deletes a user's API key and ends the sessions opened with it.")
            .Refuses(ErrorCodes.InvalidAdminKey, ErrorCodes.UserNotFound, ErrorCodes.ApiKeyNotFound);
        return app;
    }

    private static async Task<Created<ApiKeyResponse>> Create(
        ApiKeyRequest? body, IGrainFactory grains, IOptions<ApiKeyOptions> options)
    {
        var secret = ApiKeySecret.New();
        var key = await Server(grains).Create(ApiKeySecret.Describe(ApiKeyRequest.RequireName(body), secret), options.Value.MaxServerKeys);
        return TypedResults.Created($"/v1/admin/api-keys/{key.Id}", ApiKeyResponse.OfServer(key) with { Key = secret });
    }

    private static async Task<ApiKeysResponse> List(IGrainFactory grains) =>
        new([.. (await Server(grains).List()).Select(ApiKeyResponse.OfServer)]);

    private static async Task<ApiKeyResponse> Get(string keyId, IGrainFactory grains) =>
        ApiKeyResponse.OfServer(await Server(grains).Get(keyId));

    private static async Task<ApiKeysResponse> ListOfUser(string userId, IGrainFactory grains) =>
        new([.. (await (await OfUser(grains, userId)).List()).Select(ApiKeyResponse.Of)]);

    private static async Task<NoContent> DeleteOfUser(string userId, string keyId, IGrainFactory grains) =>
        await Act((await OfUser(grains, userId)).Delete(keyId));

    private static async Task<NoContent> Act(Task action)
    {
        await action;
        return TypedResults.NoContent();
    }

    private static IApiKeyListGrain Server(IGrainFactory grains) => grains.GetGrain<IApiKeyListGrain>(ApiKeyLists.Server);

    /// <summary>The key list of an existing user; any other id is <c>user-not-found</c>.</summary>
    private static async Task<IApiKeyListGrain> OfUser(IGrainFactory grains, string userId) =>
        Ids.IsWellFormed(userId) && await grains.GetGrain<IUserGrain>(userId).Exists()
            ? grains.GetGrain<IApiKeyListGrain>(userId)
            : throw new SessionsException(ErrorCodes.UserNotFound, "No user has this id.");
}
