using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;

namespace Orleans.Storage;

/// <summary>
/// Grain storage on Azure Table storage: one entity per grain state, partition key <c>{serviceId}_{grainId}</c>,
/// row key the state name, the serialized state in binary properties of up to 64 KiB, and ETag concurrency
/// (a lost check raises <see cref="TableStorageUpdateConditionNotSatisfiedException"/>).
/// </summary>
/// <param name="name">The provider's name.</param>
/// <param name="options">The provider's options.</param>
/// <param name="clusterOptions">The cluster options, whose service id starts every partition key.</param>
/// <param name="activatorProvider">Creates the empty state of a grain that has none stored.</param>
/// <param name="logger">The logger; it never receives state contents.</param>
public sealed class AzureTableGrainStorage(
    string name,
    AzureTableStorageOptions options,
    IOptions<ClusterOptions> clusterOptions,
    IActivatorProvider activatorProvider,
    ILogger<AzureTableGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private TableClient? table;

    private TableClient Table => table ?? throw new InvalidOperationException(
        $"Azure Table grain storage '{name}' is used before silo lifecycle stage {options.InitStage} initialized it.");

    /// <inheritdoc/>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        AzureTableGrainStorageLog.Reading(logger, options.TableName, partitionKey, rowKey);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey).ConfigureAwait(false);
        if (!response.HasValue || response.Value is not { } entity)
        {
            grainState.State = CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var data = GrainStateEntity.ReadData(entity);
        var state = data.Length == 0 ? default : Deserialize<T>(data, stateName, grainId);
        grainState.State = state ?? CreateInstance<T>();
        grainState.ETag = entity.ETag.ToString();
        grainState.RecordExists = state is not null;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">The serialized state does not fit in one entity; nothing was written.</exception>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        var data = options.GrainStorageSerializer.Serialize(grainState.State).ToMemory();
        var maxBytes = GrainStateEntity.MaxDataBytes(partitionKey, rowKey);
        if (data.Length > maxBytes)
        {
            AzureTableGrainStorageLog.TooLarge(logger, stateName, grainId, options.TableName, data.Length, maxBytes);
            throw new ArgumentOutOfRangeException(
                nameof(grainState),
                data.Length,
                $"State '{stateName}' of grain {grainId} serializes to {data.Length} bytes, more than the {maxBytes} bytes "
                + $"an entity of Azure table '{options.TableName}' can hold (64 KiB per property, 1 MiB per entity). "
                + "Nothing was written; the stored state is unchanged.");
        }

        AzureTableGrainStorageLog.Writing(logger, options.TableName, partitionKey, rowKey, grainState.ETag, data.Length);
        var entity = GrainStateEntity.Create(partitionKey, rowKey, data);
        grainState.ETag = await SaveAsync(entity, stateName, grainId, grainState.ETag).ConfigureAwait(false);
        grainState.RecordExists = true;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// With <see cref="AzureTableStorageOptions.DeleteStateOnClear"/> the entity is deleted (if the grain holds no
    /// ETag, clearing succeeds only when nothing is stored); otherwise it is replaced by an entity without data.
    /// </remarks>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        AzureTableGrainStorageLog.Clearing(logger, options.TableName, partitionKey, rowKey, grainState.ETag, options.DeleteStateOnClear);
        if (options.DeleteStateOnClear)
        {
            await DeleteAsync(partitionKey, rowKey, stateName, grainId, grainState.ETag).ConfigureAwait(false);
            grainState.ETag = null;
        }
        else
        {
            var entity = new TableEntity(partitionKey, rowKey);
            grainState.ETag = await SaveAsync(entity, stateName, grainId, grainState.ETag).ConfigureAwait(false);
        }

        grainState.State = CreateInstance<T>();
        grainState.RecordExists = false;
    }

    /// <summary>Creates the table, if it does not exist, at the stage <see cref="AzureTableStorageOptions.InitStage"/>.</summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<AzureTableGrainStorage>(name), options.InitStage, InitializeAsync);

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        new AzureTableStorageOptionsValidator(options, name).ValidateConfiguration();
        var client = options.TableServiceClient!;
        var stopwatch = Stopwatch.StartNew();
        var tableClient = client.GetTableClient(options.TableName);
        try
        {
            await tableClient.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new OrleansException(
                $"Azure Table grain storage '{name}' could not create or open table '{options.TableName}' "
                + $"of storage account '{client.AccountName}': {exception.Message}",
                exception);
        }

        table = tableClient;
        AzureTableGrainStorageLog.Initialized(logger, name, options.TableName, client.AccountName, stopwatch.ElapsedMilliseconds);
    }

    private (string PartitionKey, string RowKey) Keys(string stateName, GrainId grainId)
    {
        var serviceId = clusterOptions.Value.ServiceId;
        var partitionKey = AzureTableKey.PartitionKey(serviceId, grainId);
        if (partitionKey.Length > AzureTableKey.MaxLength)
        {
            throw new ArgumentException(
                $"Grain {grainId} of service '{serviceId}' makes an Azure Table partition key of {partitionKey.Length} "
                + $"characters; the limit is {AzureTableKey.MaxLength}.",
                nameof(grainId));
        }

        var rowKey = AzureTableKey.RowKey(stateName);
        if (rowKey.Length > AzureTableKey.MaxLength)
        {
            throw new ArgumentException(
                $"State name '{stateName}' of grain {grainId} makes an Azure Table row key of {rowKey.Length} characters; "
                + $"the limit is {AzureTableKey.MaxLength}.",
                nameof(stateName));
        }

        return (partitionKey, rowKey);
    }

    /// <summary>Inserts the entity when the grain holds no ETag, else replaces the stored one if its ETag matches.</summary>
    /// <returns>The new ETag.</returns>
    private async Task<string> SaveAsync(TableEntity entity, string stateName, GrainId grainId, string? eTag)
    {
        try
        {
            var response = string.IsNullOrEmpty(eTag)
                ? await Table.AddEntityAsync(entity).ConfigureAwait(false)
                : await Table.UpdateEntityAsync(entity, new ETag(eTag), TableUpdateMode.Replace).ConfigureAwait(false);
            return response.Headers.ETag?.ToString()
                ?? throw new InvalidOperationException($"Azure table '{options.TableName}' returned no ETag for a write.");
        }
        catch (RequestFailedException exception) when (IsConcurrencyFailure(exception))
        {
            throw await ConflictAsync(entity.PartitionKey, entity.RowKey, stateName, grainId, eTag, exception).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the entity if its ETag matches; with no ETag, checks that nothing is stored.</summary>
    private async Task DeleteAsync(string partitionKey, string rowKey, string stateName, GrainId grainId, string? eTag)
    {
        if (string.IsNullOrEmpty(eTag))
        {
            if (await ReadETagAsync(partitionKey, rowKey).ConfigureAwait(false) is { } storedETag)
            {
                AzureTableGrainStorageLog.Conflict(logger, stateName, grainId, options.TableName, storedETag, eTag);
                throw new TableStorageUpdateConditionNotSatisfiedException(grainId.ToString(), stateName, options.TableName, storedETag, eTag, null);
            }

            return;
        }

        try
        {
            var response = await Table.DeleteEntityAsync(partitionKey, rowKey, new ETag(eTag)).ConfigureAwait(false);
            if (response.Status == 404)
            {
                throw new RequestFailedException(response);
            }
        }
        catch (RequestFailedException exception) when (IsConcurrencyFailure(exception))
        {
            throw await ConflictAsync(partitionKey, rowKey, stateName, grainId, eTag, exception).ConfigureAwait(false);
        }
    }

    /// <summary>409 (already exists), 412 (ETag differs) or 404 on the entity (it is gone), but not a missing table.</summary>
    private static bool IsConcurrencyFailure(RequestFailedException exception) =>
        exception.Status is 409 or 412
        || exception.Status == 404 && exception.ErrorCode != TableErrorCode.TableNotFound.ToString();

    private async Task<TableStorageUpdateConditionNotSatisfiedException> ConflictAsync(
        string partitionKey, string rowKey, string stateName, GrainId grainId, string? eTag, RequestFailedException cause)
    {
        string? storedETag;
        try
        {
            storedETag = await ReadETagAsync(partitionKey, rowKey).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Only for the message: the conflict is what the caller must hear about.
            storedETag = "unknown";
        }

        AzureTableGrainStorageLog.Conflict(logger, stateName, grainId, options.TableName, storedETag, eTag);
        return new TableStorageUpdateConditionNotSatisfiedException(grainId.ToString(), stateName, options.TableName, storedETag, eTag, cause);
    }

    private async Task<string?> ReadETagAsync(string partitionKey, string rowKey)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select: ["RowKey"]).ConfigureAwait(false);
        return response.HasValue ? response.Value?.ETag.ToString() : null;
    }

    private T? Deserialize<T>(byte[] data, string stateName, GrainId grainId)
    {
        try
        {
            return options.GrainStorageSerializer.Deserialize<T>(new BinaryData(data));
        }
        catch (Exception exception)
        {
            AzureTableGrainStorageLog.DeserializeFailed(logger, exception, stateName, grainId, options.TableName, data.Length);
            throw;
        }
    }

    private T CreateInstance<T>() => activatorProvider.GetActivator<T>().Create();
}
