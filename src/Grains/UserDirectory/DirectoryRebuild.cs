using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.UserDirectory;

/// <summary>
/// Builds the directory again: forgets its users, then asks every user the grain storage holds to list itself anew,
/// through its outbox as for any change. A user changed meanwhile lists itself too, so nothing is missed.
/// </summary>
public sealed class DirectoryRebuild(IUserDirectory directory, IUserCatalog catalog, IGrainFactory grains)
{
    private const int Parallel = 32;

    private long _relisted;

    /// <summary>How many users were asked to list themselves again so far.</summary>
    public long Relisted => Interlocked.Read(ref _relisted);

    /// <summary>Rebuilds; answers how many users the directory lists after it.</summary>
    public async Task<long> Run(CancellationToken cancellationToken = default)
    {
        await directory.Clear(cancellationToken);
        var batch = new List<string>(Parallel);
        await foreach (var userId in catalog.UserIds(cancellationToken))
        {
            batch.Add(userId);
            if (batch.Count == Parallel)
            {
                await Relist(batch);
            }
        }

        await Relist(batch);
        return (await directory.Counters([DirectoryLayout.Totals], cancellationToken))
            .GetValueOrDefault(DirectoryLayout.UsersCounter(DirectoryLayout.All));
    }

    private async Task Relist(List<string> userIds)
    {
        await Task.WhenAll(userIds.Select(id => grains.GetGrain<IUserGrain>(id).Relist()));
        Interlocked.Add(ref _relisted, userIds.Count);
        userIds.Clear();
    }
}
