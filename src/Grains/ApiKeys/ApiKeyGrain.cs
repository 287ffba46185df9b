using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.ApiKeys;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.ApiKeys;

/// <summary>
/// One API key, found by its lookup id. It is not reentrant: a login, which calls the user grain, and a disable or a
/// delete, which ends the key's sessions there, never overlap.
/// </summary>
public sealed class ApiKeyGrain(
    [PersistentState("apiKey")] IPersistentState<ApiKeyState> state, TimeProvider time) : Grain, IApiKeyGrain
{
    public async Task Create(ApiKey key, TokenHash hash, bool isServerKey)
    {
        if (state.State.Key is not null)
        {
            throw new InvalidOperationException("An API key of this lookup id exists already.");
        }

        state.State = new ApiKeyState { Key = key, Hash = hash, IsServerKey = isServerKey };
        await state.WriteStateAsync();
    }

    public Task<ApiKey?> Get() => Task.FromResult(state.State.Key);

    public Task<string> Authenticate(TokenHash hash) => Task.FromResult(Check(hash).UserId);

    public async Task<SessionGrant> Login(TokenHash hash, NewSession session)
    {
        var key = Check(hash);
        var grant = await User(key).Login(session with { ApiKeyId = key.Id });
        if (state.State.Key is not null)
        {
            state.State.Key = state.State.Key with { LastUsedAt = time.GetUtcNow() };
            await state.WriteStateAsync();
        }

        return grant;
    }

    public async Task Disable()
    {
        if (state.State.Key is not { } key)
        {
            return;
        }

        if (!key.Disabled)
        {
            state.State.Key = key with { Disabled = true };
            await state.WriteStateAsync();
        }

        // Also when it was disabled already: a disable whose sessions were not all ended is finished by the next.
        await User(key).EndApiKeySessions(key.Id);
    }

    public async Task Enable()
    {
        if (state.State.Key is { Disabled: true } key)
        {
            state.State.Key = key with { Disabled = false };
            await state.WriteStateAsync();
        }
    }

    public async Task Delete()
    {
        if (state.State.Key is not { } key)
        {
            return;
        }

        await Disable();
        if (state.State.IsServerKey && await User(key).Exists())
        {
            await User(key).Delete();
        }

        await state.ClearStateAsync();
    }

    public async Task Forget()
    {
        if (state.State.Key is not null)
        {
            await state.ClearStateAsync();
        }
    }

    /// <summary>The key of this secret, if it may log in; the same refusal for an unknown, wrong or disabled key.</summary>
    private ApiKey Check(TokenHash hash) =>
        state.State is { Key: { Disabled: false } key, Hash: { } stored } && stored.Matches(hash)
            ? key
            : throw new SessionsException(ErrorCodes.InvalidCredentials, "The credentials are not valid.");

    private IUserGrain User(ApiKey key) => GrainFactory.GetGrain<IUserGrain>(key.UserId);
}
