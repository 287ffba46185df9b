using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.ApiKeys;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Gateway.ApiKeys;

/// <summary>
/// A user's own API keys, for /v1 and the Realm API alike: every call checks the caller's session first; a key is
/// made here (its secret handed out once, only its hash kept), and the key a session was opened with cannot be
/// disabled or deleted from that session.
/// </summary>
public sealed class UserApiKeys(IGrainFactory grains, IOptions<ApiKeyOptions> options)
{
    /// <summary>The new key and its secret.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(ApiKeyOwner owner, string name)
    {
        if (!(await HolderAsync(owner)).MayHaveKeys)
        {
            throw new SessionsException(ErrorCodes.ApiKeysNotAllowed, "Anonymous users and server users cannot have API keys.");
        }

        var secret = ApiKeySecret.New();
        return (await List(owner).Create(ApiKeySecret.Describe(name, secret), options.Value.MaxPerUser), secret);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(ApiKeyOwner owner)
    {
        await HolderAsync(owner);
        return await List(owner).List();
    }

    public async Task<ApiKey> GetAsync(ApiKeyOwner owner, string keyId)
    {
        await HolderAsync(owner);
        return await List(owner).Get(keyId);
    }

    public async Task DisableAsync(ApiKeyOwner owner, string keyId)
    {
        await EnsureNotOwnSessionsKey(owner, keyId);
        await List(owner).Disable(keyId);
    }

    public async Task EnableAsync(ApiKeyOwner owner, string keyId)
    {
        await HolderAsync(owner);
        await List(owner).Enable(keyId);
    }

    public async Task DeleteAsync(ApiKeyOwner owner, string keyId)
    {
        await EnsureNotOwnSessionsKey(owner, keyId);
        await List(owner).Delete(keyId);
    }

    private async Task EnsureNotOwnSessionsKey(ApiKeyOwner owner, string keyId)
    {
        if ((await HolderAsync(owner)).SessionApiKeyId == keyId)
        {
            throw new SessionsException(
                ErrorCodes.ReauthenticationRequired, "This session was opened with this API key; use another session to end it.");
        }
    }

    private Task<ApiKeyHolder> HolderAsync(ApiKeyOwner owner) =>
        grains.GetGrain<IUserGrain>(owner.UserId).CheckApiKeyHolder(owner.SessionId, owner.RefreshTokenHash);

    private IApiKeyListGrain List(ApiKeyOwner owner) => grains.GetGrain<IApiKeyListGrain>(owner.UserId);
}
