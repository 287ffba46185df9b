using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Users;

/// <summary>The persisted state of a user grain.</summary>
[GenerateSerializer, Alias("OrleansSessions.UserState")]
public sealed class UserState
{
    /// <summary>None until the account is created.</summary>
    [Id(0)] public UserStatus? Status { get; set; }
    [Id(1)] public bool Deleted { get; set; }
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public List<UserIdentity> Identities { get; set; } = [];
    [Id(4)] public string? Email { get; set; }
    [Id(5)] public string CustomData { get; set; } = "{}";
    [Id(6)] public Dictionary<string, SessionRecord> Sessions { get; set; } = [];

    /// <summary>The devices that list the user, in the order it first logged in on them.</summary>
    [Id(7)] public List<string> Devices { get; set; } = [];

    /// <summary>Grows with every change the user's devices hear of.</summary>
    [Id(8)] public long Version { get; set; }

    /// <summary>What the devices have still to be told, newest notice per device: persisted with the change.</summary>
    [Id(9)] public Dictionary<string, DeviceNotice> Outbox { get; set; } = [];

    [Id(10)] public TokenHash? ConfirmationTokenHash { get; set; }
    [Id(11)] public List<EndedSession> RecentlyEnded { get; set; } = [];
    [Id(12)] public DateTimeOffset ConfirmationExpiresAt { get; set; }
    [Id(13)] public bool HasLoggedIn { get; set; }
    [Id(14)] public TokenHash? PasswordResetTokenHash { get; set; }
    [Id(15)] public DateTimeOffset PasswordResetExpiresAt { get; set; }

    /// <summary>The last audit events, oldest first.</summary>
    [Id(16)] public List<AuditEvent> AuditTrail { get; set; } = [];
}
