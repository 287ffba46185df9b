using Azure;
using Azure.Data.Tables;
using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Grains.UserDirectory;

namespace OrleansSessions.Hosting.UserDirectory;

/// <summary>
/// The user directory of a cluster, in one Azure Table. Each row of <see cref="DirectoryLayout"/> is an entity (partition:
/// the order and facet, row key: the sort key) carrying the entry, so a page is one range query. Each user's own entity
/// and the counters live in one of 16 shard partitions (<see cref="AzureTableShards"/>), so a change of the entry and of
/// the counters it moves are committed in entity-group transactions, guarded by ETags and retried on a conflict.
/// </summary>
/// <remarks>
/// An apply first notes in the user's entity the entry and the rows it is about to write, then writes them and removes
/// the rows the user no longer has (also those of an earlier apply that died half-way), and last moves the counters in
/// transactions of up to 99 (a user with many sessions moves four counters per session), each with the user's entity
/// noting how many are done, the last one committing the entry. Whoever next writes the user finishes an apply that
/// died half-way first, so the counters move exactly once. A counted device is an entity in its shard, added in one
/// transaction with its counter.
/// </remarks>
public sealed class AzureTableUserDirectory(TableClient table) : IUserDirectory
{
    private const int Parallelism = 16;

    private volatile bool _created;

    public async Task Apply(IReadOnlyCollection<DirectoryEntry> entries, CancellationToken cancellationToken = default)
    {
        await Created(cancellationToken);
        await Parallel.ForEachAsync(
            entries, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (entry, token) => await new AzureTableDirectoryWrite(table, entry).Run(token));
    }

    public async Task<DirectoryEntry?> Find(string userId, CancellationToken cancellationToken = default)
    {
        await Created(cancellationToken);
        var user = await table.GetEntityIfExistsAsync<TableEntity>(
            AzureTableShards.Of(userId), AzureTableShards.UserRow(userId), cancellationToken: cancellationToken);
        return user.HasValue && user.Value!.GetString(AzureTableShards.EntryProperty) is { } json ? DirectoryEntryJson.Read(json) : null;
    }

    public async Task<IReadOnlyList<ListedUser>> Range(
        string partition, string after, string before, int take, CancellationToken cancellationToken = default)
    {
        await Created(cancellationToken);
        var rows = new List<ListedUser>(take);
        var query = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after} and RowKey lt {before}"),
            maxPerPage: Math.Min(take, 1000), cancellationToken: cancellationToken);
        await foreach (var row in query)
        {
            rows.Add(new ListedUser(row.RowKey, DirectoryEntryJson.Read(row.GetString(AzureTableShards.EntryProperty))));
            if (rows.Count == take)
            {
                break;
            }
        }

        return rows;
    }

    public async Task<IReadOnlyDictionary<string, long>> Counters(
        IReadOnlyCollection<CounterRange> ranges, CancellationToken cancellationToken = default)
    {
        await Created(cancellationToken);
        return await AzureTableCounters.Sum(table, ranges, cancellationToken);
    }

    public async Task AddDevice(string deviceId, CancellationToken cancellationToken = default)
    {
        await Created(cancellationToken);
        var (shard, row) = (AzureTableShards.Of(deviceId), AzureTableShards.DeviceRow(deviceId));
        while (!(await table.GetEntityIfExistsAsync<TableEntity>(shard, row, select: ["RowKey"], cancellationToken: cancellationToken)).HasValue)
        {
            try
            {
                await table.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.Add, new TableEntity(shard, row)),
                    await AzureTableCounters.Change(table, shard, DirectoryLayout.DevicesCounter, 1, cancellationToken),
                ], cancellationToken);
            }
            catch (RequestFailedException conflict) when (conflict.Status is 409 or 412)
            {
                // Another writer counted this device or moved the counter first: look again.
            }
        }
    }

    public async Task Clear(CancellationToken cancellationToken = default)
    {
        await Created(cancellationToken);
        var devices = AzureTableShards.CounterRow(DirectoryLayout.DevicesCounter);
        var keys = table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken)
            .Where(key => !AzureTableShards.IsDeviceRow(key.RowKey) && key.RowKey != devices);
        await Parallel.ForEachAsync(
            keys, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (key, token) => await table.DeleteEntityAsync(key.PartitionKey, key.RowKey, ETag.All, token));
    }

    private async Task Created(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }
}
