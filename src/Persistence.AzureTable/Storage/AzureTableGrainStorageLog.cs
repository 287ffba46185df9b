using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Orleans.Storage;

/// <summary>The log messages of <see cref="AzureTableGrainStorage"/>. None carries state contents.</summary>
internal static partial class AzureTableGrainStorageLog
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Azure Table grain storage {ProviderName} uses table {TableName} of storage account {AccountName} (ready in {ElapsedMilliseconds} ms)")]
    public static partial void Initialized(ILogger logger, string providerName, string tableName, string accountName, long elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Reading {TableName} PartitionKey={PartitionKey} RowKey={RowKey}")]
    public static partial void Reading(ILogger logger, string tableName, string partitionKey, string rowKey);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Writing {TableName} PartitionKey={PartitionKey} RowKey={RowKey} ETag={ETag} ({Size} bytes)")]
    public static partial void Writing(ILogger logger, string tableName, string partitionKey, string rowKey, string? eTag, int size);

    [LoggerMessage(Level = LogLevel.Trace,
        Message = "Clearing {TableName} PartitionKey={PartitionKey} RowKey={RowKey} ETag={ETag} DeleteStateOnClear={DeleteStateOnClear}")]
    public static partial void Clearing(ILogger logger, string tableName, string partitionKey, string rowKey, string? eTag, bool deleteStateOnClear);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "State {StateName} of grain {GrainId} in table {TableName} was changed by someone else: stored ETag {StoredETag}, grain's ETag {CurrentETag}")]
    public static partial void Conflict(ILogger logger, string stateName, GrainId grainId, string tableName, string? storedETag, string? currentETag);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "State {StateName} of grain {GrainId} serializes to {Size} bytes, more than the {MaxSize} bytes an entity of table {TableName} can hold; nothing was written")]
    public static partial void TooLarge(ILogger logger, string stateName, GrainId grainId, string tableName, int size, int maxSize);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "State {StateName} of grain {GrainId} in table {TableName} ({Size} bytes) could not be deserialized")]
    public static partial void DeserializeFailed(ILogger logger, Exception exception, string stateName, GrainId grainId, string tableName, int size);
}
