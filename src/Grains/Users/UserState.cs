using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Users;

/// <summary>
/// The persisted state of a user grain, read and changed only through the domain classes of
/// <see cref="UserAggregate"/>. Everything a refresh rewrites; the audit trail lives apart (<see cref="AuditTrailState"/>).
/// </summary>
[GenerateSerializer, Alias("OrleansSessions.UserState")]
public sealed class UserState
{
    // The account (UserAccount).

    /// <summary>None until the account is created.</summary>
    [Id(0)] public UserStatus? Status { get; set; }
    [Id(1)] public bool Deleted { get; set; }
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public List<UserIdentity> Identities { get; set; } = [];
    [Id(4)] public string? Email { get; set; }
    [Id(5)] public string CustomData { get; set; } = "{}";
    [Id(6)] public bool HasLoggedIn { get; set; }

    /// <summary>When a token sent to the email was first used (confirmation or password reset); none until then.</summary>
    [Id(16)] public DateTimeOffset? EmailProvenAt { get; set; }

    // The sessions (SessionBook).
    [Id(7)] public Dictionary<string, SessionRecord> Sessions { get; set; } = [];
    [Id(8)] public List<EndedSession> RecentlyEnded { get; set; } = [];

    // The devices that list the user, in the order it first logged in on them, and the version of what they
    // were told (UserDevices).
    [Id(9)] public List<string> Devices { get; set; } = [];
    [Id(10)] public long Version { get; set; }

    // What other grains have still to be told, newest delivery per destination (Outbox).
    [Id(11)] public Dictionary<string, Delivery> Outbox { get; set; } = [];

    // The one-time account tokens (AccountTokens).
    [Id(12)] public TokenHash? ConfirmationTokenHash { get; set; }
    [Id(13)] public DateTimeOffset ConfirmationExpiresAt { get; set; }
    [Id(14)] public TokenHash? PasswordResetTokenHash { get; set; }
    [Id(15)] public DateTimeOffset PasswordResetExpiresAt { get; set; }

    // The last login, and the entry last put in the outbox for the user directory (DirectoryListing).
    [Id(19)] public DateTimeOffset? LastLoginAt { get; set; }
    [Id(17)] public DirectoryEntry? Listed { get; set; }

    // What the identity providers said of the user at its latest login through one (UserAccount).
    [Id(18)] public UserMetadata Metadata { get; set; } = UserMetadata.None;

    public bool Exists => Status is not null && !Deleted;

    /// <summary>An anonymous user is one whose only identity is <c>anon-user</c>; it is never kept logged out.</summary>
    public bool IsAnonymous => Identities is [{ ProviderType: ProviderTypes.Anonymous }];

    /// <summary>The user as its devices list it.</summary>
    public UserSummary Summary => new(
        Identities.FirstOrDefault()?.ProviderType ?? ProviderTypes.LocalUserPass, Email, IsAnonymous);
}
