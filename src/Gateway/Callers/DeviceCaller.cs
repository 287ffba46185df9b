using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;

namespace OrleansSessions.Gateway.Callers;

/// <summary>
/// A request made with a device token on a <c>/v1/devices/{deviceId}</c> route. The token's hash travels with
/// every call to the device grain, which refuses it unless it is that device's.
/// </summary>
public sealed record DeviceCaller(string DeviceId, TokenHash TokenHash)
{
    public IDeviceGrain Device(IGrainFactory grains) => grains.GetGrain<IDeviceGrain>(DeviceId);

    public static ValueTask<DeviceCaller?> BindAsync(HttpContext context)
    {
        var deviceId = context.Request.RouteValues["deviceId"] as string;
        var token = BearerToken.From(context);
        return Ids.IsWellFormed(deviceId) && token is not null
            ? ValueTask.FromResult<DeviceCaller?>(new DeviceCaller(deviceId!, TokenHash.Of(token)))
            : throw new SessionsException(ErrorCodes.InvalidDeviceToken, "A valid device token is required.");
    }
}
