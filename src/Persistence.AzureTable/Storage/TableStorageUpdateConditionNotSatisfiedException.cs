namespace Orleans.Storage;

/// <summary>
/// Raised when an Azure Table write, clear or delete of grain state loses an optimistic-concurrency check: the
/// stored entity is not the one the grain last read or wrote (its ETag differs, it is gone, or it already exists).
/// Named like the exception of Microsoft.Orleans.Persistence.AzureStorage.
/// </summary>
[GenerateSerializer]
public sealed class TableStorageUpdateConditionNotSatisfiedException : InconsistentStateException
{
    /// <summary>Creates the exception for a lost concurrency check.</summary>
    /// <param name="grainId">The grain whose state was being written.</param>
    /// <param name="stateName">The name of the grain state.</param>
    /// <param name="tableName">The Azure table.</param>
    /// <param name="storedETag">
    /// The ETag found in storage after the failure: <see langword="null"/> when no entity is stored, <c>unknown</c> when it
    /// could not be read.
    /// </param>
    /// <param name="currentETag">The ETag the grain held; <see langword="null"/> when it believed nothing was stored.</param>
    /// <param name="innerException">The Azure error (409 Conflict, 412 Precondition Failed or 404 Not Found).</param>
    public TableStorageUpdateConditionNotSatisfiedException(
        string grainId, string stateName, string tableName, string? storedETag, string? currentETag, Exception? innerException)
        : base(
            $"Table storage condition not satisfied for state '{stateName}' of grain {grainId} in table '{tableName}': "
            + $"stored ETag {storedETag ?? "(none)"}, grain's ETag {currentETag ?? "(none)"}.",
            storedETag,
            currentETag,
            innerException)
    {
        GrainId = grainId;
        StateName = stateName;
        TableName = tableName;
    }

    /// <summary>The grain whose state was being written.</summary>
    [Id(0)]
    public string GrainId { get; }

    /// <summary>The name of the grain state.</summary>
    [Id(1)]
    public string StateName { get; }

    /// <summary>The Azure table.</summary>
    [Id(2)]
    public string TableName { get; }
}
