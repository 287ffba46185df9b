using Orleans.Concurrency;

namespace OrleansSessions.Abstractions.UserDirectory;

/// <summary>
/// The user directory as grains and gateways reach it: a stateless worker on the caller's silo over that silo's
/// directory store, so neither needs access to the store itself.
/// </summary>
[Alias("OrleansSessions.IUserDirectoryGrain")]
public interface IUserDirectoryGrain : IGrainWithIntegerKey
{
    [ReadOnly, Alias("List")]
    Task<UserListPage> List(UserListQuery query);

    [ReadOnly, Alias("Count")]
    Task<DirectoryCounts> Count();

    /// <summary>Stores a user's entry unless the directory holds that version or a later one.</summary>
    [Alias("Apply")]
    Task Apply(DirectoryEntry entry);

    /// <summary>Counts a registered device, unless it was counted already.</summary>
    [Alias("AddDevice")]
    Task AddDevice(string deviceId);
}
