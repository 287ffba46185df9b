using OrleansSessions.Abstractions.Devices;

namespace OrleansSessions.Grains.Users;

/// <summary>
/// The devices that list a user, and what each must be told: every notice carries a higher version and goes into
/// the outbox, written with the change.
/// </summary>
public sealed class UserDevices(string userId, UserState state, Outbox outbox)
{
    /// <summary>In the order the user first logged in on them.</summary>
    public IReadOnlyList<string> All => state.Devices;

    public void Hold(string deviceId)
    {
        if (!state.Devices.Contains(deviceId))
        {
            state.Devices.Add(deviceId);
        }
    }

    public void Drop(string deviceId) => state.Devices.Remove(deviceId);

    public void Clear() => state.Devices.Clear();

    public void Notify(string deviceId, DeviceNoticeKind kind, string? sessionId, SessionEndReason reason) =>
        outbox.Put(new DeviceNoticeDelivery(
            deviceId, new DeviceNotice(userId, ++state.Version, kind, sessionId, reason, state.Summary)));

    /// <summary>The notice still on its way to the device, if any.</summary>
    public DeviceNotice? PendingFor(string deviceId) =>
        outbox.Find<DeviceNoticeDelivery>(DeviceNoticeDelivery.DestinationOf(deviceId))?.Notice;
}
