using Microsoft.Extensions.Logging;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.ApiKeys;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.ApiKeys;

/// <summary>
/// The keys of one owner. The list names each key and where its grain is; the key grain holds the rest (whether it
/// is disabled, when it was last used). A key is listed before its grain is made and unlisted after its grain is
/// gone, so a key that logs in is always listed; an entry whose grain is missing (a failure between the two) counts as
/// no key.
/// </summary>
public sealed partial class ApiKeyListGrain(
    [PersistentState("apiKeyList")] IPersistentState<ApiKeyListState> state,
    TimeProvider time,
    ILogger<ApiKeyListGrain> logger) : Grain, IApiKeyListGrain
{
    private bool IsServerList => this.GetPrimaryKeyString() == ApiKeyLists.Server;

    private List<ApiKeyEntry> Keys => state.State.Keys;

    public async Task<ApiKey> Create(NewApiKey key, int limit)
    {
        if (Keys.Any(k => string.Equals(k.Name, key.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new SessionsException(ErrorCodes.ApiKeyNameInUse, "An API key of this name exists already.");
        }

        if (Keys.Count >= limit)
        {
            throw new SessionsException(ErrorCodes.ApiKeyLimitReached, $"At most {limit} API keys are allowed.");
        }

        var entry = new ApiKeyEntry(Ids.New(), key.Name, key.LookupId);
        Keys.Add(entry);
        await state.WriteStateAsync();
        try
        {
            var userId = IsServerList ? Ids.New() : this.GetPrimaryKeyString();
            var created = new ApiKey(entry.Id, key.Name, Disabled: false, time.GetUtcNow(), LastUsedAt: null, userId);
            await KeyGrain(entry).Create(created, key.Hash, IsServerList);
            if (IsServerList)
            {
                await GrainFactory.GetGrain<IUserGrain>(userId).CreateServer(entry.Id);
            }

            return created;
        }
        catch
        {
            Keys.Remove(entry);
            await state.WriteStateAsync();
            throw;
        }
    }

    public async Task<IReadOnlyList<ApiKey>> List()
    {
        var keys = await Task.WhenAll(Keys.Select(e => KeyGrain(e).Get()));
        return [.. keys.OfType<ApiKey>()];
    }

    public async Task<ApiKey> Get(string keyId) => await KeyGrain(Find(keyId)).Get() ?? throw NotFound();

    public Task Disable(string keyId) => KeyGrain(Find(keyId)).Disable();

    public Task Enable(string keyId) => KeyGrain(Find(keyId)).Enable();

    public async Task Delete(string keyId)
    {
        var entry = Find(keyId);
        await KeyGrain(entry).Delete();
        Keys.Remove(entry);
        await state.WriteStateAsync();
    }

    public async Task OwnerDeleted()
    {
        try
        {
            await Task.WhenAll(Keys.Select(e => KeyGrain(e).Forget()));
            await state.ClearStateAsync();
        }
        catch (Exception exception)
        {
            // The keys of a deleted user log in no one (its login refuses them); what is left is only unused state.
            LogOwnerDeletedFailed(exception, this.GetPrimaryKeyString());
        }
    }

    private ApiKeyEntry Find(string keyId) => Keys.FirstOrDefault(k => k.Id == keyId) ?? throw NotFound();

    private IApiKeyGrain KeyGrain(ApiKeyEntry entry) => GrainFactory.GetGrain<IApiKeyGrain>(entry.LookupId);

    private static SessionsException NotFound() => new(ErrorCodes.ApiKeyNotFound, "API key not found");

    [LoggerMessage(1, LogLevel.Warning, "Could not delete every API key of deleted user {UserId}; they log in no one")]
    private partial void LogOwnerDeletedFailed(Exception exception, string userId);
}
