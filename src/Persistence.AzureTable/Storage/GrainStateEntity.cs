using Azure.Data.Tables;

namespace Orleans.Storage;

/// <summary>
/// The table entity of one grain state: the serialized state split over binary properties <c>Data</c>, <c>Data1</c>,
/// <c>Data2</c>… of at most 64 KiB each (the names Microsoft.Orleans.Persistence.AzureStorage uses). An entity with no
/// data property is a cleared state.
/// </summary>
internal static class GrainStateEntity
{
    /// <summary>Azure's limit on one binary property.</summary>
    private const int MaxPropertyBytes = 64 * 1024;

    /// <summary>Azure's limit on one entity, counted as Azure counts it (see <see cref="MaxDataBytes"/>).</summary>
    private const int MaxEntityBytes = 1024 * 1024;

    /// <summary>Azure's limit on the properties of an entity, beside PartitionKey, RowKey and Timestamp.</summary>
    private const int MaxCustomProperties = 252;

    private const string DataPropertyName = "Data";

    /// <summary>
    /// The most serialized bytes an entity with these keys can hold. Azure counts an entity as 4 bytes, plus 2 bytes
    /// per key character, plus, per binary property, 8 bytes + 2 bytes per name character + 4 bytes + its length.
    /// </summary>
    public static int MaxDataBytes(string partitionKey, string rowKey)
    {
        var room = MaxEntityBytes - 4 - 2 * (partitionKey.Length + rowKey.Length);
        var max = 0;
        for (var count = 1; count <= MaxCustomProperties; count++)
        {
            room -= 8 + 2 * PropertyName(count - 1).Length + 4;
            var fits = Math.Min(room, count * MaxPropertyBytes);
            if (fits <= max)
            {
                break;
            }

            max = fits;
        }

        return max;
    }

    /// <summary>An entity holding <paramref name="data"/>, which must be at most <see cref="MaxDataBytes"/> long.</summary>
    public static TableEntity Create(string partitionKey, string rowKey, ReadOnlyMemory<byte> data)
    {
        var entity = new TableEntity(partitionKey, rowKey);
        for (var index = 0; index * MaxPropertyBytes < data.Length; index++)
        {
            var start = index * MaxPropertyBytes;
            entity[PropertyName(index)] = data[start..Math.Min(data.Length, start + MaxPropertyBytes)].ToArray();
        }

        return entity;
    }

    /// <summary>The serialized state an entity holds, empty for a cleared state.</summary>
    public static byte[] ReadData(TableEntity entity)
    {
        var chunks = new List<byte[]>();
        for (var index = 0; entity.GetBinary(PropertyName(index)) is { } chunk; index++)
        {
            chunks.Add(chunk);
        }

        var data = new byte[chunks.Sum(chunk => chunk.Length)];
        var offset = 0;
        foreach (var chunk in chunks)
        {
            chunk.CopyTo(data, offset);
            offset += chunk.Length;
        }

        return data;
    }

    private static string PropertyName(int index) => index == 0 ? DataPropertyName : DataPropertyName + index;
}
