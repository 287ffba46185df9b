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

    /// <summary>An entity-group transaction holds at most 100 actions: the user's entity and this many counters.</summary>
    private const int CountersPerTransaction = 99;

    private readonly string _shard = AzureTableShards.Of(entry.UserId);
    private readonly string _userRow = AzureTableShards.UserRow(entry.UserId);

    public async Task Run(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                if (await Step(cancellationToken))
                {
                    return;
                }
            }
            catch (RequestFailedException conflict) when (conflict.Status is ConflictStatus or ChangedStatus)
            {
                // Another writer moved the user's entity or a counter first: read them again.
            }
        }
    }

    /// <summary>
    /// Finishes the apply the user's entity notes as unfinished, if any (then answers false: go again), or else applies
    /// the entry (answers true, also when the stored entry is as new).
    /// </summary>
    private async Task<bool> Step(CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(_shard, _userRow, cancellationToken: cancellationToken);
        var user = found.HasValue ? found.Value! : new TableEntity(_shard, _userRow);
        var stored = Read(user, AzureTableShards.EntryProperty);
        var unfinished = Read(user, AzureTableShards.NextProperty);
        if (unfinished is null && stored is not null && stored.Version >= entry.Version)
        {
            return true;
        }

        var target = unfinished ?? entry;
        var rows = DirectoryLayout.Rows(target);
        var stale = DirectoryLayout.Rows(stored).Concat(PendingRows(user)).Distinct().Except(rows).ToList();
        user[AzureTableShards.PendingRowsProperty] = JsonSerializer.Serialize(rows.Concat(stale).Distinct());
        user[AzureTableShards.NextProperty] = DirectoryEntryJson.Write(target);
        user[AzureTableShards.DoneProperty] = unfinished is null ? 0 : user.GetInt32(AzureTableShards.DoneProperty) ?? 0;
        user = await Save(user, cancellationToken);

        var json = DirectoryEntryJson.Write(target);
        await Task.WhenAll(rows.Select(row => table.UpsertEntityAsync(
            new TableEntity(row.Partition, row.SortKey) { [AzureTableShards.EntryProperty] = json },
            TableUpdateMode.Replace, cancellationToken)));
        await Task.WhenAll(stale.Select(row => table.DeleteEntityAsync(row.Partition, row.SortKey, ETag.All, cancellationToken)));
        await Commit(user, stored, target, cancellationToken);
        return unfinished is null;
    }

    /// <summary>
    /// Moves the counters from <paramref name="stored"/> to <paramref name="target"/> in transactions, each with the
    /// user's entity noting how many are done; the last one also makes <paramref name="target"/> the stored entry.
    /// </summary>
    private async Task Commit(TableEntity user, DirectoryEntry? stored, DirectoryEntry target, CancellationToken cancellationToken)
    {
        var chunks = DirectoryLayout.CountChanges(stored, target)
            .OrderBy(c => c.Key, StringComparer.Ordinal).Chunk(CountersPerTransaction).ToList();
        for (var done = user.GetInt32(AzureTableShards.DoneProperty) ?? 0; ; done++)
        {
            var last = done >= chunks.Count - 1;
            if (last)
            {
                user[AzureTableShards.EntryProperty] = DirectoryEntryJson.Write(target);
                user[AzureTableShards.VersionProperty] = target.Version;
                user[AzureTableShards.PendingRowsProperty] = "[]";
                user.Remove(AzureTableShards.NextProperty);
                user.Remove(AzureTableShards.DoneProperty);
            }
            else
            {
                user[AzureTableShards.DoneProperty] = done + 1;
            }

            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, user, user.ETag) };
            if (done < chunks.Count)
            {
                actions.AddRange(await Task.WhenAll(chunks[done].Select(c =>
                    AzureTableCounters.Change(table, _shard, c.Key, c.Value, cancellationToken))));
            }

            var committed = await table.SubmitTransactionAsync(actions, cancellationToken);
            if (last)
            {
                return;
            }

            user.ETag = committed.Value[0].Headers.ETag ?? throw NoETag();
        }
    }

    private async Task<TableEntity> Save(TableEntity user, CancellationToken cancellationToken)
    {
        var saved = user.ETag == default
            ? await table.AddEntityAsync(user, cancellationToken)
            : await table.UpdateEntityAsync(user, user.ETag, TableUpdateMode.Replace, cancellationToken);
        user.ETag = saved.Headers.ETag ?? throw NoETag();
        return user;
    }

    private static DirectoryEntry? Read(TableEntity user, string property) =>
        user.GetString(property) is { } json ? DirectoryEntryJson.Read(json) : null;

    private static IEnumerable<DirectoryRow> PendingRows(TableEntity user) =>
        user.GetString(AzureTableShards.PendingRowsProperty) is { } pending
            ? JsonSerializer.Deserialize<List<DirectoryRow>>(pending) ?? []
            : [];

    private static InvalidOperationException NoETag() => new("Azure Table storage answered a write without an ETag.");
}
