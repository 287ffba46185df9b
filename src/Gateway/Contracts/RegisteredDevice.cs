namespace OrleansSessions.Gateway.Contracts;

public sealed record RegisteredDevice(string DeviceId, string DeviceToken);
