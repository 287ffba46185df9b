namespace OrleansSessions.Abstractions.Devices;

/// <summary>What a user grain tells a device about that user.</summary>
public enum DeviceNoticeKind
{
    /// <summary>The user logged in on the device with a new session, and becomes its active user.</summary>
    SignedIn,

    /// <summary>The user's session on the device ended; it stays listed, logged out.</summary>
    SessionEnded,

    /// <summary>The user is taken off the device (removed, or its account deleted).</summary>
    Removed,

    /// <summary>The user's email or provider changed (a link); the device refreshes what it shows.</summary>
    ProfileChanged,
}
