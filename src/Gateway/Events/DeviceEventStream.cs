using System.Threading.Channels;
using OrleansSessions.Abstractions.Devices;

namespace OrleansSessions.Gateway.Events;

/// <summary>One open stream of a device's events; disposing it closes it.</summary>
public sealed class DeviceEventStream(ChannelReader<DeviceEvent> events, Func<Task> close) : IAsyncDisposable
{
    public ChannelReader<DeviceEvent> Events { get; } = events;

    public async ValueTask DisposeAsync() => await close();
}
