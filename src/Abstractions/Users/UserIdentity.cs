namespace OrleansSessions.Abstractions.Users;

/// <summary>One way to reach a user: a provider and the id of the user there.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.UserIdentity")]
public sealed record UserIdentity(string ProviderType, string Id);
