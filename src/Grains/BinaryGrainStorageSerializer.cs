using Orleans.Serialization;
using Orleans.Storage;

namespace OrleansSessions.Grains;

/// <summary>
/// Stores grain state with Orleans's own version-tolerant binary serializer, which honours the <c>[Id]</c>
/// members of the state classes (the default JSON one would drop members with private setters), and is compact.
/// </summary>
public sealed class BinaryGrainStorageSerializer(Serializer serializer) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(serializer.SerializeToArray(input));

    public T? Deserialize<T>(BinaryData input) => serializer.Deserialize<T>(input.ToMemory());
}
