using Orleans.Concurrency;

namespace OrleansSessions.Abstractions.ApiKeys;

/// <summary>
/// The API keys of one owner (key: the user's id, or <see cref="ApiKeyLists.Server"/> for the server keys), oldest
/// first: names unique case-insensitively, at most a limit of them. A server key is made with a server user of its
/// own. Unknown key ids are <c>api-key-not-found</c>.
/// </summary>
[Alias("OrleansSessions.IApiKeyListGrain")]
public interface IApiKeyListGrain : IGrainWithStringKey
{
    /// <summary>Adds a key; <c>api-key-name-in-use</c>, or <c>api-key-limit-reached</c> with <paramref name="limit"/> keys.</summary>
    [Alias("Create")]
    Task<ApiKey> Create(NewApiKey key, int limit);

    [Alias("List")]
    Task<IReadOnlyList<ApiKey>> List();

    [Alias("Get")]
    Task<ApiKey> Get(string keyId);

    [Alias("Disable")]
    Task Disable(string keyId);

    [Alias("Enable")]
    Task Enable(string keyId);

    [Alias("Delete")]
    Task Delete(string keyId);

    /// <summary>
    /// The owner was deleted: so are its keys. One-way, so that the user grain deleting itself never waits on a key
    /// (which may be waiting on it).
    /// </summary>
    [OneWay, Alias("OwnerDeleted")]
    Task OwnerDeleted();
}
