using System.Text.Json.Serialization;

namespace OrleansSessions.Abstractions.Users;

/// <summary>
/// One entry of a user's audit trail: what happened, with what outcome (<c>succeeded</c> or an error code), on which
/// device and session, and who did it (<c>user</c>, <c>device</c>, <c>admin</c> or <c>system</c>). Never a secret.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.AuditEvent")]
public sealed record AuditEvent(
    DateTimeOffset At,
    string Action,
    string Outcome,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeviceId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SessionId,
    string Actor)
{
    public const string Succeeded = "succeeded";
}
