using Azure.Data.Tables;
using Orleans.Storage;

namespace Orleans.Configuration;

/// <summary>
/// Options of an Azure Table grain storage provider (<see cref="AzureTableGrainStorage"/>), named like those of
/// Microsoft.Orleans.Persistence.AzureStorage.
/// </summary>
public sealed class AzureTableStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>
    /// The table that holds the grain state: 3 to 63 letters and digits, starting with a letter.
    /// Default: <c>OrleansGrainState</c>.
    /// </summary>
    public string TableName { get; set; } = "OrleansGrainState";

    /// <summary>
    /// The client of the Azure Table service (or Azurite), for example
    /// <c>new TableServiceClient(connectionString)</c>. Required.
    /// </summary>
    public TableServiceClient? TableServiceClient { get; set; }

    /// <summary>
    /// When <see langword="true"/>, clearing a grain's state deletes its table entity; when <see langword="false"/>
    /// (the default), the entity is kept with no state data, so its ETag keeps guarding later writes.
    /// </summary>
    public bool DeleteStateOnClear { get; set; }

    /// <summary>
    /// The silo lifecycle stage at which the table is created if it does not exist.
    /// Default: <see cref="ServiceLifecycleStage.ApplicationServices"/>.
    /// </summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;

    /// <summary>
    /// Turns grain state into bytes and back. Default: the <see cref="IGrainStorageSerializer"/> registered under
    /// the provider's name, else the silo's default one.
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
