using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Abstractions.ApiKeys;

/// <summary>
/// One API key (key: its lookup id, <see cref="ApiKeySecret.LookupIdOf"/>): the hash of its secret, its owner and
/// whether it may log in. A key login and a disable or delete of the key pass through this grain one at a time, so no
/// session opened with the key outlives its disable.
/// </summary>
[Alias("OrleansSessions.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Makes the key (once; a lookup id in use is refused).</summary>
    [Alias("Create")]
    Task Create(ApiKey key, TokenHash hash, bool isServerKey);

    /// <summary>The key, or none when it was never made or is deleted.</summary>
    [Alias("Get")]
    Task<ApiKey?> Get();

    /// <summary>The id of the user the key logs in; <c>invalid-credentials</c> for an unknown or disabled key.</summary>
    [Alias("Authenticate")]
    Task<string> Authenticate(TokenHash hash);

    /// <summary>Checks the key again and logs its user in with a session that remembers the key.</summary>
    [Alias("Login")]
    Task<SessionGrant> Login(TokenHash hash, NewSession session);

    /// <summary>The key logs in no more, and every session opened with it ends.</summary>
    [Alias("Disable")]
    Task Disable();

    /// <summary>The key logs in again; no ended session comes back.</summary>
    [Alias("Enable")]
    Task Enable();

    /// <summary>As <see cref="Disable"/>, and the key is gone; a server key takes its server user with it.</summary>
    [Alias("Delete")]
    Task Delete();

    /// <summary>The key is gone, with nothing else to do: its owner was deleted, with its sessions.</summary>
    [Alias("Forget")]
    Task Forget();
}
