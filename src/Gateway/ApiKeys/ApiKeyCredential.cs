using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.ApiKeys;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.Providers;

namespace OrleansSessions.Gateway.ApiKeys;

/// <summary>
/// The key of an <c>api-key</c> login: the grain its lookup id names and the hash it must match. A key that is not
/// of the shape this service makes is refused before any grain is asked.
/// </summary>
public sealed record ApiKeyCredential(IApiKeyGrain Grain, TokenHash Hash)
{
    public static ApiKeyCredential From(IGrainFactory grains, Credentials credentials)
    {
        IdentityProviders.RequireOnly(credentials, "key");
        var key = Require.Field(credentials.Key, "key");
        return ApiKeySecret.IsWellFormed(key)
            ? new ApiKeyCredential(grains.GetGrain<IApiKeyGrain>(ApiKeySecret.LookupIdOf(key)), TokenHash.Of(key))
            : throw new SessionsException(ErrorCodes.InvalidCredentials, "The credentials are not valid.");
    }

    /// <summary>The user the key logs in.</summary>
    public Task<string> AuthenticateAsync() => Grain.Authenticate(Hash);

    /// <summary>Logs the key's user in (the key is checked again, with the session it opens).</summary>
    public Task<SessionGrant> LogInAsync(NewSession session) => Grain.Login(Hash, session);
}
