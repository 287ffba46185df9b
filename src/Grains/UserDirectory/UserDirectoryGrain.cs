using Orleans.Concurrency;
using OrleansSessions.Abstractions.UserDirectory;

namespace OrleansSessions.Grains.UserDirectory;

/// <summary>The directory on any silo, over the silo's store.</summary>
[StatelessWorker]
public sealed class UserDirectoryGrain(IUserDirectory directory) : Grain, IUserDirectoryGrain
{
    private readonly UserLister _lister = new(directory);

    public Task<UserListPage> List(UserListQuery query) => _lister.List(query);

    public Task<DirectoryCounts> Count() => _lister.Count();

    public Task Apply(DirectoryEntry entry) => directory.Apply([entry]);
}
