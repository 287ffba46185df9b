namespace OrleansSessions.Gateway.Contracts;

public sealed record KeyRotationResponse(string Kid);
