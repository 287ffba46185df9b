namespace OrleansSessions.Gateway.Contracts;

public sealed record DeviceRegistration(string? Name);
