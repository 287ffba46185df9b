using OrleansSessions.Abstractions.Devices;

namespace OrleansSessions.Gateway.Contracts;

public sealed record SwitchResponse(DeviceUser User, string AccessToken);
