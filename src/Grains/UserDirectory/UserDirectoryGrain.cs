using Orleans.Concurrency;
using OrleansSessions.Abstractions.UserDirectory;

namespace OrleansSessions.Grains.UserDirectory;

/// <summary>The directory on any silo, over the silo's store. It keeps no state, so it runs on every silo that calls it.</summary>
[StatelessWorker, Reentrant]
public sealed class UserDirectoryGrain(IUserDirectory directory, TimeProvider time) : Grain, IUserDirectoryGrain
{
    private readonly UserLister _lister = new(directory, time);

    public Task<UserListPage> List(UserListQuery query) => _lister.List(query);

    public Task<DirectoryCounts> Count() => _lister.Count();

    public Task Apply(DirectoryEntry entry) => directory.Apply([entry]);

    public Task AddDevice(string deviceId) => directory.AddDevice(deviceId);
}
