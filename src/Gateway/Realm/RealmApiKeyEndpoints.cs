using Microsoft.AspNetCore.Http.HttpResults;
using OrleansSessions.Gateway.ApiKeys;
using OrleansSessions.Gateway.Callers;
using OrleansSessions.Gateway.Contracts;

namespace OrleansSessions.Gateway.Realm;

/// <summary>
/// realm-web's <c>user.apiKeys</c>: the user's own keys, with the refresh token as the bearer, answered by /v1's
/// <see cref="UserApiKeys"/> in Realm's shapes.
/// </summary>
public static class RealmApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapRealmApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup($"{RealmEndpoints.Root}/auth/api_keys").WithTags("Realm-compatible client API").WithNoStore();
        keys.MapPost("/", Create).WithSummary("Makes an API key of the signed-in user (201, with its secret).");
        keys.MapGet("/", List).WithSummary("The user's API keys.");
        keys.MapGet("/{keyId}", Get).WithSummary("One of the user's API keys.");
        keys.MapPut("/{keyId}/enable", Enable).WithSummary("The key logs in again.");
        keys.MapPut("/{keyId}/disable", Disable).WithSummary("The key logs in no more; its sessions end.");
        keys.MapDelete("/{keyId}", Delete).WithSummary("The key is gone; its sessions end.");
        return app;
    }

    private static async Task<Created<RealmApiKey>> Create(RefreshCaller caller, ApiKeyRequest? body, UserApiKeys keys)
    {
        var (key, secret) = await keys.CreateAsync(ApiKeyOwner.Of(caller), ApiKeyRequest.RequireName(body));
        return TypedResults.Created((string?)null, RealmApiKey.Of(key, secret));
    }

    private static async Task<IReadOnlyList<RealmApiKey>> List(RefreshCaller caller, UserApiKeys keys) =>
        [.. (await keys.ListAsync(ApiKeyOwner.Of(caller))).Select(k => RealmApiKey.Of(k))];

    private static async Task<RealmApiKey> Get(RefreshCaller caller, string keyId, UserApiKeys keys) =>
        RealmApiKey.Of(await keys.GetAsync(ApiKeyOwner.Of(caller), keyId));

    private static async Task<NoContent> Enable(RefreshCaller caller, string keyId, UserApiKeys keys)
    {
        await keys.EnableAsync(ApiKeyOwner.Of(caller), keyId);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Disable(RefreshCaller caller, string keyId, UserApiKeys keys)
    {
        await keys.DisableAsync(ApiKeyOwner.Of(caller), keyId);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Delete(RefreshCaller caller, string keyId, UserApiKeys keys)
    {
        await keys.DeleteAsync(ApiKeyOwner.Of(caller), keyId);
        return TypedResults.NoContent();
    }
}
