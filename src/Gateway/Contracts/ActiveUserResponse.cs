using OrleansSessions.Abstractions.Devices;

namespace OrleansSessions.Gateway.Contracts;

public sealed record ActiveUserResponse(DeviceUser? User);
