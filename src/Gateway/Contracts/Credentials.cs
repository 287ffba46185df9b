namespace OrleansSessions.Gateway.Contracts;

/// <summary>Credentials for a login or a link: <c>provider</c> names which of the other fields count.</summary>
public sealed record Credentials(string? Provider, string? Email, string? Password, string? Token);
