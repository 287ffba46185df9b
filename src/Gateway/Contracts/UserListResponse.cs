namespace OrleansSessions.Gateway.Contracts;

/// <summary>A page of the user directory; <paramref name="NextCursor"/> fetches the next one, null on the last page.</summary>
public sealed record UserListResponse(IReadOnlyList<UserSummaryResponse> Users, string? NextCursor);
