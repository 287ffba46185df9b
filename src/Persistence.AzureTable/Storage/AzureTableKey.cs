using System.Text;

namespace Orleans.Storage;

/// <summary>
/// Turns grain ids and state names into Azure Table keys. Keys may not hold <c>/ \ # ?</c> or control characters and
/// are limited to 1 KiB (512 UTF-16 characters, which is also what Azurite accepts).
/// </summary>
/// <remarks>
/// The escape is one-to-one, so different inputs never share a key: <c>/</c> becomes <c>_</c>, and <c>_</c>, the
/// escape character <c>~</c>, the other disallowed characters and control characters become <c>~</c> and two hex
/// digits. For the usual grain id (<c>type/key</c> with no <c>_</c>) the result is the key that
/// Microsoft.Orleans.Persistence.AzureStorage uses, so a switch to that provider keeps finding the stored state.
/// </remarks>
internal static class AzureTableKey
{
    /// <summary>The longest key Azure Table storage accepts, in UTF-16 characters.</summary>
    public const int MaxLength = 512;

    private const char Escape = '~';

    /// <summary>The partition key of a grain: <c>{serviceId}_{grainId}</c>, each part escaped.</summary>
    /// <remarks>The service id is escaped with no <c>_</c> left in it, so the first <c>_</c> separates the two parts.</remarks>
    public static string PartitionKey(string serviceId, GrainId grainId)
    {
        var key = new StringBuilder(serviceId.Length + 64);
        Append(key, serviceId, slashAsUnderscore: false);
        key.Append('_');
        Append(key, grainId.ToString(), slashAsUnderscore: true);
        return key.ToString();
    }

    /// <summary>The row key of a grain state: its state name, escaped.</summary>
    public static string RowKey(string stateName) => Append(new StringBuilder(stateName.Length), stateName, slashAsUnderscore: true).ToString();

    private static StringBuilder Append(StringBuilder key, string value, bool slashAsUnderscore)
    {
        foreach (var c in value)
        {
            if (c == '/' && slashAsUnderscore)
            {
                key.Append('_');
            }
            else if (c is '/' or '\\' or '#' or '?' or '_' or Escape || char.IsControl(c))
            {
                key.Append(Escape).Append(((int)c).ToString("X2"));
            }
            else
            {
                key.Append(c);
            }
        }

        return key;
    }
}
