using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using OrleansSessions.Grains.UserDirectory;

namespace OrleansSessions.Hosting.UserDirectory;

/// <summary>
/// The users of a cluster's grain state table (Orleans's Azure Table storage): the partitions of user grains, keyed
/// <c>{serviceId}_user_{userId}</c>, one range of partition keys read with their keys only.
/// </summary>
public sealed class AzureTableUserCatalog(TableClient grainState, string serviceId) : IUserCatalog
{
    public async IAsyncEnumerable<string> UserIds([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (from, to) = ($"{serviceId}_user_", $"{serviceId}_user`");
        var rows = grainState.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey gt {from} and PartitionKey lt {to}"),
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
