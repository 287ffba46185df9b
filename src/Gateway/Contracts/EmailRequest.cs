namespace OrleansSessions.Gateway.Contracts;

public sealed record EmailRequest(string? Email);
