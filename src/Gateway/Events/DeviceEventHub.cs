using System.Collections.Concurrent;
using System.Threading.Channels;
using OrleansSessions.Abstractions;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Events;

/// <summary>
/// This gateway's one listener to devices: a grain observer that the device grains with listeners here notify,
/// fanning each event out to the streams open on this gateway. It renews its subscriptions while streams are
/// open, so a device grain that moved to another silo finds it again. Best effort, as the events are.
/// </summary>
public sealed partial class DeviceEventHub(IGrainFactory grains, IOptions<SessionsOptions> options, ILogger<DeviceEventHub> logger)
    : IDeviceObserver, IHostedService, IDisposable
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Listeners> _devices = new();
    private IDeviceObserver? _reference;
    private PeriodicTimer? _renewal;
    private Task? _renewing;

    private IDeviceObserver Reference => _reference ??= grains.CreateObjectReference<IDeviceObserver>(this);

    /// <summary>
    /// Opens a stream of a device's events; the first event is <c>ready</c>. A device with as many streams open on
    /// this gateway as it may have gets 429 <c>rate-limited</c>.
    /// </summary>
    public async Task<DeviceEventStream> ListenAsync(string deviceId, TokenHash tokenHash)
    {
        var ready = await grains.GetGrain<IDeviceGrain>(deviceId).Subscribe(tokenHash, Reference);
        var channel = Channel.CreateBounded<DeviceEvent>(new BoundedChannelOptions(256)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        channel.Writer.TryWrite(ready);
        var listeners = _devices.GetOrAdd(deviceId, _ => new Listeners(tokenHash));
        if (!listeners.TryAdd(channel, options.Value.MaxEventStreamsPerDevice))
        {
            throw new SessionsException(ErrorCodes.RateLimited, "This device has as many event streams open as it may; close one first.")
            {
                RetryAfter = TimeSpan.FromSeconds(15),
            };
        }

        return new DeviceEventStream(channel.Reader, () => Close(deviceId, listeners, channel));
    }

    public void OnDeviceEvent(DeviceEvent deviceEvent)
    {
        if (_devices.TryGetValue(deviceEvent.DeviceId, out var listeners))
        {
            listeners.Write(deviceEvent);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _renewal = new PeriodicTimer(RenewEvery);
        _renewing = RenewAsync(_renewal);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _renewal?.Dispose();
        if (_renewing is not null)
        {
            await _renewing;
        }
    }

    public void Dispose() => _renewal?.Dispose();

    private async Task Close(string deviceId, Listeners listeners, Channel<DeviceEvent> channel)
    {
        if (listeners.Remove(channel) == 0 && _devices.TryRemove(KeyValuePair.Create(deviceId, listeners)))
        {
            try
            {
                await grains.GetGrain<IDeviceGrain>(deviceId).Unsubscribe(Reference);
            }
            catch (Exception exception)
            {
                LogUnsubscribeFailed(exception, deviceId);
            }
        }
    }

    private async Task RenewAsync(PeriodicTimer timer)
    {
        while (await timer.WaitForNextTickAsync())
        {
            foreach (var (deviceId, listeners) in _devices)
            {
                try
                {
                    await grains.GetGrain<IDeviceGrain>(deviceId).Subscribe(listeners.TokenHash, Reference);
                }
                catch (Exception exception)
                {
                    LogRenewFailed(exception, deviceId);
                }
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Could not renew the event subscription of device {DeviceId}")]
    private partial void LogRenewFailed(Exception exception, string deviceId);

    [LoggerMessage(2, LogLevel.Debug, "Could not end the event subscription of device {DeviceId}")]
    private partial void LogUnsubscribeFailed(Exception exception, string deviceId);

    /// <summary>The open streams of one device on this gateway.</summary>
    private sealed class Listeners(TokenHash tokenHash)
    {
        private readonly List<Channel<DeviceEvent>> _channels = [];

        public TokenHash TokenHash { get; } = tokenHash;

        public bool TryAdd(Channel<DeviceEvent> channel, int max)
        {
            lock (_channels)
            {
                if (_channels.Count >= max)
                {
                    return false;
                }

                _channels.Add(channel);
                return true;
            }
        }

        public int Remove(Channel<DeviceEvent> channel)
        {
            lock (_channels)
            {
                _channels.Remove(channel);
                return _channels.Count;
            }
        }

        public void Write(DeviceEvent deviceEvent)
        {
            lock (_channels)
            {
                foreach (var channel in _channels)
                {
                    channel.Writer.TryWrite(deviceEvent);
                }
            }
        }
    }
}
