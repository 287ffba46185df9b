using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Gateway.Limits;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Callers;

/// <summary>
/// A request made with a device token on a <c>/v1/devices/{deviceId}</c> route. A token without this cluster's MAC
/// for that device (<see cref="TokenSeal"/>) is refused here, before any grain is asked, and counted against its
/// address (<see cref="FailedAuthentications"/>); the token's hash travels with every call to the device grain, which
/// refuses it unless it is that device's.
/// </summary>
public sealed record DeviceCaller(string DeviceId, TokenHash TokenHash)
{
    public IDeviceGrain Device(IGrainFactory grains) => grains.GetGrain<IDeviceGrain>(DeviceId);

    public static async ValueTask<DeviceCaller?> BindAsync(HttpContext context)
    {
        var failures = context.RequestServices.GetRequiredService<FailedAuthentications>();
        failures.ThrowIfExhausted(context);
        var deviceId = context.Request.RouteValues["deviceId"] as string;
        var token = BearerToken.From(context);
        var seal = await context.RequestServices.GetRequiredService<SigningKeyRing>().SealAsync();
        return Ids.IsWellFormed(deviceId) && seal.Verifies(TokenSeal.Device, deviceId!, token)
            ? new DeviceCaller(deviceId!, TokenHash.Of(token!))
            : throw failures.Failed(context, new SessionsException(ErrorCodes.InvalidDeviceToken, "A valid device token is required."));
    }
}
