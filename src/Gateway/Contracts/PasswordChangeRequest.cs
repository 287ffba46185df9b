namespace OrleansSessions.Gateway.Contracts;

public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);
