namespace OrleansSessions.Gateway.Contracts;

public sealed record RegisterRequest(string? Email, string? Password);
