using Azure.Data.Tables;
using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Grains.UserDirectory;
using OrleansSessions.Hosting.UserDirectory;

namespace OrleansSessions.DirectoryBench;

/// <summary>
/// Seeds new users into an Azure Table directory as <see cref="AzureTableUserDirectory"/> would leave them, in bulk:
/// the rows and the users' entities in entity-group transactions of 100 (grouped by partition), and the counters,
/// kept here as the only writer, written whole before each measurement. Applying users one by one costs about a dozen
/// requests each, far too slow for a million on Azurite.
/// </summary>
internal sealed class AzureTableSeeding(TableClient table)
{
    private const int PerTransaction = 100;
    private const int Parallelism = 8;

    private readonly Dictionary<(string Shard, string Name), long> _counters = [];

    public async Task Add(IReadOnlyList<DirectoryEntry> entries)
    {
        await table.CreateIfNotExistsAsync();
        var entities = entries.SelectMany(entry =>
        {
            var json = DirectoryEntryJson.Write(entry);
            var shard = AzureTableShards.Of(entry.UserId);
            foreach (var (name, count) in DirectoryLayout.Counts(entry))
            {
                _counters[(shard, name)] = _counters.GetValueOrDefault((shard, name)) + count;
            }

            return DirectoryLayout.Rows(entry)
                .Select(row => new TableEntity(row.Partition, row.SortKey) { [AzureTableShards.EntryProperty] = json })
                .Append(new TableEntity(shard, AzureTableShards.UserRow(entry.UserId))
                {
                    [AzureTableShards.EntryProperty] = json,
                    [AzureTableShards.VersionProperty] = entry.Version,
                    [AzureTableShards.PendingRowsProperty] = "[]",
                });
        }).ToList();
        await Submit(entities);
    }

    /// <summary>Writes every counter as it stands.</summary>
    public Task WriteCounters() => Submit(_counters.Select(c =>
        new TableEntity(c.Key.Shard, AzureTableShards.CounterRow(c.Key.Name)) { [AzureTableShards.CountProperty] = c.Value }).ToList());

    private Task Submit(List<TableEntity> entities) => Parallel.ForEachAsync(
        entities.GroupBy(e => e.PartitionKey).SelectMany(partition => partition.Chunk(PerTransaction)),
        new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
        async (batch, token) => await table.SubmitTransactionAsync(
            batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), token));
}
