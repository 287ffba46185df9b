using Microsoft.AspNetCore.Http.HttpResults;
using OrleansSessions.Abstractions;
using OrleansSessions.Gateway.Callers;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Problems;

namespace OrleansSessions.Gateway.ApiKeys;

/// <summary>A signed-in user's own API keys (<c>/v1/auth/api-keys</c>, access token).</summary>
public static class ApiKeyEndpoints
{
    private static readonly string[] Session = [ErrorCodes.InvalidToken, ErrorCodes.TokenExpired, ErrorCodes.SessionRevoked];

    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/v1/auth/api-keys").WithTags("API keys").WithNoStore();
        keys.MapPost("/", Create).WithSummary("Makes an API key that logs this user in; its secret, key, is shown this once.")
            .Refuses([.. RouteErrors.BadBody, .. Session, ErrorCodes.ApiKeysNotAllowed, ErrorCodes.ApiKeyNameInUse, ErrorCodes.ApiKeyLimitReached]);
        keys.MapGet("/", List).WithSummary("The user's API keys, oldest first.").Refuses(Session);
        keys.MapGet("/{keyId}", Get).WithSummary("One of the user's API keys.").Refuses([.. Session, ErrorCodes.ApiKeyNotFound]);
        keys.MapPost("/{keyId}/disable", Disable).WithSummary("The key logs in no more, and every session opened with it ends.")
            .Refuses([.. Session, ErrorCodes.ReauthenticationRequired, ErrorCodes.ApiKeyNotFound]);
        keys.MapPost("/{keyId}/enable", Enable).WithSummary("The key logs in again (no ended session comes back).")
            .Refuses([.. Session, ErrorCodes.ApiKeyNotFound]);
        keys.MapDelete("/{keyId}", Delete).WithSummary("As disable, and the key is gone.")
            .Refuses([.. Session, ErrorCodes.ReauthenticationRequired, ErrorCodes.ApiKeyNotFound]);
        return app;
    }

    private static async Task<Created<ApiKeyResponse>> Create(UserCaller caller, ApiKeyRequest? body, UserApiKeys keys)
    {
        var (key, secret) = await keys.CreateAsync(ApiKeyOwner.Of(caller), ApiKeyRequest.RequireName(body));
        return TypedResults.Created($"/v1/auth/api-keys/{key.Id}", ApiKeyResponse.Of(key) with { Key = secret });
    }

    private static async Task<ApiKeysResponse> List(UserCaller caller, UserApiKeys keys) =>
        new([.. (await keys.ListAsync(ApiKeyOwner.Of(caller))).Select(ApiKeyResponse.Of)]);

    private static async Task<ApiKeyResponse> Get(UserCaller caller, string keyId, UserApiKeys keys) =>
        ApiKeyResponse.Of(await keys.GetAsync(ApiKeyOwner.Of(caller), keyId));

    private static async Task<NoContent> Disable(UserCaller caller, string keyId, UserApiKeys keys)
    {
        await keys.DisableAsync(ApiKeyOwner.Of(caller), keyId);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Enable(UserCaller caller, string keyId, UserApiKeys keys)
    {
        await keys.EnableAsync(ApiKeyOwner.Of(caller), keyId);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Delete(UserCaller caller, string keyId, UserApiKeys keys)
    {
        await keys.DeleteAsync(ApiKeyOwner.Of(caller), keyId);
        return TypedResults.NoContent();
    }
}
