using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Abstractions.UserDirectory;

/// <summary>
/// What the user directory holds of one user as of <paramref name="Version"/>, which grows with every change of the
/// entry: the directory keeps the highest version it was given, so an entry that arrives twice or late changes nothing.
/// A deleted user's entry stays as a tombstone that nothing lists or counts. <paramref name="SessionEnds"/> holds when
/// each session that was live at the change ends (its absolute expiry), so the directory counts it live until then.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.DirectoryEntry")]
public sealed record DirectoryEntry(
    string UserId,
    long Version,
    string? Email,
    UserStatus Status,
    string Type,
    IReadOnlyList<string> ProviderTypes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastLoginAt,
    IReadOnlyList<DateTimeOffset> SessionEnds,
    bool Deleted)
{
    /// <summary>Whether <paramref name="other"/> says the same of the user, whatever its version.</summary>
    public bool SameAs(DirectoryEntry? other) =>
        other is not null
        && this with { Version = other.Version, ProviderTypes = other.ProviderTypes, SessionEnds = other.SessionEnds } == other
        && ProviderTypes.SequenceEqual(other.ProviderTypes) && SessionEnds.SequenceEqual(other.SessionEnds);
}
