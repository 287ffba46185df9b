using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Gateway.Contracts;

/// <summary>A user's audit trail, newest first; <c>deviceId</c> and <c>sessionId</c> only where they apply.</summary>
public sealed record AuditTrailResponse(IReadOnlyList<AuditEvent> Events);
