namespace OrleansSessions.Gateway.Contracts;

/// <summary>A body that carries one token: a confirmation, or a token to introspect.</summary>
public sealed record TokenRequest(string? Token);
