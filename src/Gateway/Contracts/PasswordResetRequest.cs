namespace OrleansSessions.Gateway.Contracts;

public sealed record PasswordResetRequest(string? Token, string? Password);
