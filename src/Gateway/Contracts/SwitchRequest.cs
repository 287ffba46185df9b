namespace OrleansSessions.Gateway.Contracts;

public sealed record SwitchRequest(string? UserId);
