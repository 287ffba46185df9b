using Orleans.Concurrency;
using OrleansSessions.Abstractions.UserDirectory;

namespace OrleansSessions.Grains.UserDirectory;

/// <summary>
/// The directory on any silo, over the silo's store. Reentrant: it keeps no state, and a rebuild waits on user grains
/// whose deliveries come back to it.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class UserDirectoryGrain(IUserDirectory directory, IUserCatalog catalog) : Grain, IUserDirectoryGrain
{
    private readonly UserLister _lister = new(directory);

    public Task<UserListPage> List(UserListQuery query) => _lister.List(query);

    public Task<DirectoryCounts> Count() => _lister.Count();

    public Task Apply(DirectoryEntry entry) => directory.Apply([entry]);

    public Task<long> Rebuild() => new DirectoryRebuild(directory, catalog, GrainFactory).Run();
}
