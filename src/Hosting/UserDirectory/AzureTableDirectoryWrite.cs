using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Grains.UserDirectory;

namespace OrleansSessions.Hosting.UserDirectory;

/// <summary>One entry applied to the Azure Table directory (the steps are in <see cref="AzureTableUserDirectory"/>).</summary>
internal sealed class AzureTableDirectoryWrite(TableClient table, DirectoryEntry entry)
{
    private const int ConflictStatus = 409;
    private const int ChangedStatus = 412;

    private readonly string _shard = AzureTableShards.Of(entry.UserId);
    private readonly string _userRow = AzureTableShards.UserRow(entry.UserId);

    public async Task Run(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await Attempt(cancellationToken);
                return;
            }
            catch (RequestFailedException conflict) when (conflict.Status is ConflictStatus or ChangedStatus)
            {
                // Another writer moved the user's entity or a counter first: read them again.
            }
        }
    }

    private async Task Attempt(CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(_shard, _userRow, cancellationToken: cancellationToken);
        var user = found.HasValue ? found.Value! : new TableEntity(_shard, _userRow);
        var stored = user.GetString(AzureTableShards.EntryProperty) is { } storedJson ? DirectoryEntryJson.Read(storedJson) : null;
        if (stored is not null && stored.Version >= entry.Version)
        {
            return;
        }

        var rows = DirectoryLayout.Rows(entry);
        var stale = DirectoryLayout.Rows(stored).Concat(PendingRows(user)).Distinct().Except(rows).ToList();
        user[AzureTableShards.PendingRowsProperty] = JsonSerializer.Serialize(rows.Concat(stale).Distinct());
        user = await Save(user, cancellationToken);

        var json = DirectoryEntryJson.Write(entry);
        await Task.WhenAll(rows.Select(row => table.UpsertEntityAsync(
            new TableEntity(row.Partition, row.SortKey) { [AzureTableShards.EntryProperty] = json },
            TableUpdateMode.Replace, cancellationToken)));
        await Task.WhenAll(stale.Select(row => table.DeleteEntityAsync(row.Partition, row.SortKey, ETag.All, cancellationToken)));

        user[AzureTableShards.EntryProperty] = json;
        user[AzureTableShards.VersionProperty] = entry.Version;
        user[AzureTableShards.PendingRowsProperty] = "[]";
        var commit = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, user, user.ETag) };
        foreach (var (name, change) in DirectoryLayout.CountChanges(stored, entry))
        {
            commit.Add(await CounterChange(name, change, cancellationToken));
        }

        await table.SubmitTransactionAsync(commit, cancellationToken);
    }

    private async Task<TableEntity> Save(TableEntity user, CancellationToken cancellationToken)
    {
        var saved = user.ETag == default
            ? await table.AddEntityAsync(user, cancellationToken)
            : await table.UpdateEntityAsync(user, user.ETag, TableUpdateMode.Replace, cancellationToken);
        user.ETag = saved.Headers.ETag ?? throw new InvalidOperationException("Azure Table storage answered a write without an ETag.");
        return user;
    }

    private async Task<TableTransactionAction> CounterChange(string name, long change, CancellationToken cancellationToken)
    {
        var row = AzureTableShards.CounterRow(name);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(_shard, row, cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return new(TableTransactionActionType.Add, new TableEntity(_shard, row) { [AzureTableShards.CountProperty] = change });
        }

        var counter = found.Value!;
        counter[AzureTableShards.CountProperty] = (counter.GetInt64(AzureTableShards.CountProperty) ?? 0) + change;
        return new(TableTransactionActionType.UpdateReplace, counter, counter.ETag);
    }

    private static IEnumerable<DirectoryRow> PendingRows(TableEntity user) =>
        user.GetString(AzureTableShards.PendingRowsProperty) is { } pending
            ? JsonSerializer.Deserialize<List<DirectoryRow>>(pending) ?? []
            : [];
}
