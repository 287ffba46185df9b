namespace OrleansSessions.Grains.ApiKeys;

/// <summary>The persisted state of an owner's key list: its keys, oldest first.</summary>
[GenerateSerializer, Alias("OrleansSessions.ApiKeyListState")]
public sealed class ApiKeyListState
{
    [Id(0)] public List<ApiKeyEntry> Keys { get; set; } = [];
}
