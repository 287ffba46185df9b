namespace OrleansSessions.Abstractions.Devices;

/// <summary>
/// A change on a device, as its live event stream tells it (API.md, <c>GET /v1/devices/{deviceId}/events</c>).
/// <paramref name="Version"/> is the device's version after the change: a listener that sees a gap lists again.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.DeviceEvent")]
public sealed record DeviceEvent(
    string Type,
    string DeviceId,
    long Version,
    string? UserId,
    string? ActiveUserId,
    string? Reason = null)
{
    public const string Ready = "ready";
    public const string UserLoggedIn = "user-logged-in";
    public const string UserLoggedOut = "user-logged-out";
    public const string UserRemoved = "user-removed";
    public const string ActiveUserChanged = "active-user-changed";

    /// <summary>The <c>reason</c> of a <c>user-logged-out</c> event.</summary>
    public static string ReasonOf(SessionEndReason reason) => reason switch
    {
        SessionEndReason.Logout => "logout",
        SessionEndReason.Revoked => "revoked",
        SessionEndReason.Disabled => "disabled",
        SessionEndReason.Deleted => "deleted",
        _ => "session-ended",
    };
}
