namespace OrleansSessions.Abstractions.Devices;

/// <summary>
/// A user grain's answer to a device that checks one of its sessions: whether that session is live, and the
/// notice for this device that the user grain has not delivered yet, if any. A device applies the notice first,
/// so a session that a newer login replaced is taken over by the newer one instead of being ended.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.SessionCheck")]
public sealed record SessionCheck(bool IsLive, DeviceNotice? Pending);
