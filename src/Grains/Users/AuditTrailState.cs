using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Users;

/// <summary>
/// The persisted audit trail of a user grain, apart from <see cref="UserState"/>: it changes on its own rhythm, and
/// a refresh does not rewrite it.
/// </summary>
[GenerateSerializer, Alias("OrleansSessions.AuditTrailState")]
public sealed class AuditTrailState
{
    /// <summary>The last audit events, oldest first.</summary>
    [Id(0)] public List<AuditEvent> Events { get; set; } = [];
}
