using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansSessions.LoadTool;

public sealed record RegisteredDevice(string DeviceId, string DeviceToken);

public sealed record LoginResponse(string UserId, string DeviceId, string AccessToken, string RefreshToken);

public sealed record RefreshResponse(string AccessToken, string? RefreshToken);

public sealed record DeviceUserDto(string UserId, string State);

public sealed record DeviceUsersDto(string? ActiveUserId, List<DeviceUserDto> Users);

public sealed record MemoryResult(
    int Devices, int Users, long Activations, long DeviceActivations, long UserActivations,
    long HeapBefore, long HeapAfterDevices, long HeapAfterAll, double SetupSeconds);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PingResponse))]
[JsonSerializable(typeof(RegisteredDevice))]
[JsonSerializable(typeof(LoginResponse))]
[JsonSerializable(typeof(RefreshResponse))]
[JsonSerializable(typeof(DeviceUsersDto))]
[JsonSerializable(typeof(MemoryResult))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class BenchJson : JsonSerializerContext;
