using System.Text.RegularExpressions;

namespace Orleans.Configuration;

/// <summary>Checks at silo start that an Azure Table grain storage provider is configured well enough to start.</summary>
internal sealed partial class AzureTableStorageOptionsValidator(AzureTableStorageOptions options, string name) : IConfigurationValidator
{
    /// <inheritdoc/>
    public void ValidateConfiguration()
    {
        if (options.TableServiceClient is null)
        {
            throw new OrleansConfigurationException(
                $"Azure Table grain storage '{name}': {nameof(AzureTableStorageOptions)}.{nameof(AzureTableStorageOptions.TableServiceClient)} "
                + "is not set. Set it, for example to new TableServiceClient(connectionString).");
        }

        if (options.TableName is null || !TableNamePattern().IsMatch(options.TableName))
        {
            throw new OrleansConfigurationException(
                $"Azure Table grain storage '{name}': {nameof(AzureTableStorageOptions)}.{nameof(AzureTableStorageOptions.TableName)} "
                + $"'{options.TableName}' is not a valid table name: use 3 to 63 letters and digits, starting with a letter.");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();
}
