namespace OrleansSessions.Client.Models;

public sealed record Identity(string ProviderType, string Id);
