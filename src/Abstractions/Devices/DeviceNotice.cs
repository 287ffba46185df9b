namespace OrleansSessions.Abstractions.Devices;

/// <summary>
/// A user grain's word to a device about that user. <paramref name="Version"/> grows with every change of the
/// user, so a device applies each notice once and ignores one older than what it already knows: delivery may
/// repeat, and may arrive late, without harm.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.DeviceNotice")]
public sealed record DeviceNotice(
    string UserId,
    long Version,
    DeviceNoticeKind Kind,
    string? SessionId,
    SessionEndReason Reason,
    UserSummary Summary);
