namespace OrleansSessions.Gateway.Contracts;

public sealed record SessionsResponse(IReadOnlyList<SessionResponse> Sessions);
