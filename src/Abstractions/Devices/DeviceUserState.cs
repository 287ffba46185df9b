namespace OrleansSessions.Abstractions.Devices;

/// <summary>How a user stands on a device (SPEC.md, "A device holds several users").</summary>
public enum DeviceUserState
{
    Active,
    Inactive,
    LoggedOut,
}
