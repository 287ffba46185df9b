using System.Text.Json.Serialization;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Gateway.Contracts;

/// <summary>One session as listed; <c>current</c> only when the caller is the user itself.</summary>
public sealed record SessionResponse(
    string SessionId,
    string DeviceId,
    string? DeviceName,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUsedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Current)
{
    public static SessionResponse From(SessionInfo session, string? currentSessionId) => new(
        session.SessionId,
        session.DeviceId,
        session.DeviceName,
        session.CreatedAt,
        session.LastUsedAt,
        currentSessionId is null ? null : session.SessionId == currentSessionId);
}
