using Azure;
using Azure.Data.Tables;
using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Grains.UserDirectory;

namespace OrleansSessions.Hosting.UserDirectory;

/// <summary>
/// The user directory of a cluster, in one Azure Table. Each row of <see cref="DirectoryLayout"/> is an entity (partition:
/// the order and facet, row key: the sort key) carrying the entry, so a page is one range query. Each user's own entity
/// and the counters live in one of 16 shard partitions (<see cref="AzureTableShards"/>), so a change of the entry and of
/// the counters it moves is one entity-group transaction, guarded by ETags and retried on a conflict.
/// </summary>
/// <remarks>
/// An apply first notes in the user's entity the rows it is about to write, then writes them and removes the rows the
/// user no longer has (also those of an earlier apply that died half-way), and last commits the entry and counters.
/// An apply that dies anywhere leaves the committed version as it was, so the user grain's retry does it all again.
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

    public async Task<IReadOnlyDictionary<string, long>> Counters(CancellationToken cancellationToken = default)
    {
        await Created(cancellationToken);
        var shards = await Task.WhenAll(AzureTableShards.All.Select(async shard =>
        {
            var counters = new List<(string Name, long Count)>();
            var (from, to) = AzureTableShards.CounterRows;
            await foreach (var counter in table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey gt {from} and RowKey lt {to}"),
                cancellationToken: cancellationToken))
            {
                counters.Add((AzureTableShards.CounterName(counter.RowKey), counter.GetInt64(AzureTableShards.CountProperty) ?? 0));
            }

            return counters;
        }));
        return shards.SelectMany(s => s).GroupBy(c => c.Name)
            .Select(g => KeyValuePair.Create(g.Key, g.Sum(c => c.Count)))
            .Where(c => c.Value != 0).ToDictionary();
    }

    public async Task Clear(CancellationToken cancellationToken = default)
    {
        await Created(cancellationToken);
        var keys = table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);
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
