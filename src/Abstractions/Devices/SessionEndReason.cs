namespace OrleansSessions.Abstractions.Devices;

/// <summary>Why a user's session on a device ended (the <c>reason</c> of a <c>user-logged-out</c> event).</summary>
public enum SessionEndReason
{
    Logout,
    Revoked,
    Disabled,
    Deleted,
    SessionEnded,
}
