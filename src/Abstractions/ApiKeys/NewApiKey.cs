namespace OrleansSessions.Abstractions.ApiKeys;

/// <summary>
/// A key to create: its name and what is kept of its secret (the gateway makes the secret and hands it out once; no
/// grain ever sees it): the hash it is checked against and the id of the grain a login finds it by.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.NewApiKey")]
public sealed record NewApiKey(string Name, TokenHash Hash, string LookupId);
