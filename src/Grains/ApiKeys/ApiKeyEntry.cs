namespace OrleansSessions.Grains.ApiKeys;

/// <summary>A key in its owner's list: its id, its name (unique there) and the lookup id of its grain.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.ApiKeyEntry")]
public sealed record ApiKeyEntry(string Id, string Name, string LookupId);
