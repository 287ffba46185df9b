using OrleansSessions.Abstractions.Devices;

namespace OrleansSessions.Grains.Users;

/// <summary>A notice on its way to one of the user's devices (versioned, so repeats and late ones do no harm).</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.DeviceNoticeDelivery")]
public sealed record DeviceNoticeDelivery(string DeviceId, DeviceNotice Notice) : Delivery
{
    public override string Destination => DestinationOf(DeviceId);

    public static string DestinationOf(string deviceId) => $"device/{deviceId}";

    public override Task Send(IGrainFactory grains) => grains.GetGrain<IDeviceGrain>(DeviceId).Apply(Notice);
}
