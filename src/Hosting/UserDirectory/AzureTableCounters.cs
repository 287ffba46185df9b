using Azure.Data.Tables;
using OrleansSessions.Grains.UserDirectory;

namespace OrleansSessions.Hosting.UserDirectory;

/// <summary>
/// The counters of the Azure Table directory: in each shard partition, an entity per counter, moved only within a
/// transaction that also changes what it counts, guarded by its ETag; one that comes to zero is deleted.
/// </summary>
internal static class AzureTableCounters
{
    /// <summary>The transaction action that moves a counter of <paramref name="shard"/> by <paramref name="change"/>.</summary>
    public static async Task<TableTransactionAction> Change(
        TableClient table, string shard, string name, long change, CancellationToken cancellationToken)
    {
        var row = AzureTableShards.CounterRow(name);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(shard, row, cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return new(TableTransactionActionType.Add, new TableEntity(shard, row) { [AzureTableShards.CountProperty] = change });
        }

        var counter = found.Value!;
        var count = (counter.GetInt64(AzureTableShards.CountProperty) ?? 0) + change;
        counter[AzureTableShards.CountProperty] = count;
        return new(count == 0 ? TableTransactionActionType.Delete : TableTransactionActionType.UpdateReplace, counter, counter.ETag);
    }

    /// <summary>The counters in the ranges, summed over the shards: a range query per shard and range, in parallel.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> Sum(
        TableClient table, IReadOnlyCollection<CounterRange> ranges, CancellationToken cancellationToken)
    {
        var reads = AzureTableShards.All.SelectMany(shard => ranges.Select(range => Read(table, shard, range, cancellationToken)));
        return (await Task.WhenAll(reads)).SelectMany(counters => counters).GroupBy(c => c.Name)
            .Select(g => KeyValuePair.Create(g.Key, g.Sum(c => c.Count)))
            .Where(c => c.Value != 0).ToDictionary();
    }

    private static async Task<List<(string Name, long Count)>> Read(
        TableClient table, string shard, CounterRange range, CancellationToken cancellationToken)
    {
        var (after, before) = (AzureTableShards.CounterRow(range.After), AzureTableShards.CounterRow(range.Before));
        var counters = new List<(string Name, long Count)>();
        await foreach (var counter in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey gt {after} and RowKey lt {before}"),
            select: ["RowKey", AzureTableShards.CountProperty], cancellationToken: cancellationToken))
        {
            counters.Add((AzureTableShards.CounterName(counter.RowKey), counter.GetInt64(AzureTableShards.CountProperty) ?? 0));
        }

        return counters;
    }
}
