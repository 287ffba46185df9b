using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using OrleansSessions.Grains.UserDirectory;

namespace OrleansSessions.Hosting.UserDirectory;

/// <summary>
/// The users of a cluster's grain state table (Orleans's Azure Table storage), which keys a grain's state by partition
/// <c>{serviceId}_{grainId}</c> (its <c>/</c> made <c>_</c>) and row the state's name: the user grains' <c>user</c>
/// states, partitions <c>{serviceId}_user_{userId}</c>, one range of partition keys read with their keys only (each user
/// grain's audit trail, row <c>userAudit</c>, shares the partition).
/// </summary>
public sealed class AzureTableUserCatalog(TableClient grainState, string serviceId) : IUserCatalog
{
    public async IAsyncEnumerable<string> UserIds([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (from, to) = ($"{serviceId}_user_", $"{serviceId}_user`");
        var rows = grainState.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter(
                $"PartitionKey gt {from} and PartitionKey lt {to} and RowKey eq {UserGrainKeys.StateName}"),
            select: ["PartitionKey"], cancellationToken: cancellationToken);
        await foreach (var row in rows)
        {
            if (UserGrainKeys.UserIdAtEnd(row.PartitionKey) is { } userId)
            {
                yield return userId;
            }
        }
    }
}
