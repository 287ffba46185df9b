using Orleans.Concurrency;

namespace OrleansSessions.Abstractions.Devices;

/// <summary>A gateway listening to devices' events. Best effort: a listener that misses one lists again.</summary>
[Alias("OrleansSessions.IDeviceObserver")]
public interface IDeviceObserver : IGrainObserver
{
    [OneWay, Alias("OnDeviceEvent")]
    void OnDeviceEvent(DeviceEvent deviceEvent);
}
