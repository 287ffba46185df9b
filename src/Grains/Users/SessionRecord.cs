using OrleansSessions.Abstractions;

namespace OrleansSessions.Grains.Users;

/// <summary>One live session of a user: its device, the hash of its refresh token and its times.</summary>
[GenerateSerializer, Alias("OrleansSessions.SessionRecord")]
public sealed class SessionRecord
{
    [Id(0)] public required string SessionId { get; init; }
    [Id(1)] public required string DeviceId { get; init; }
    [Id(2)] public string? DeviceName { get; init; }
    [Id(3)] public required TokenHash RefreshTokenHash { get; set; }
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }
    [Id(5)] public DateTimeOffset LastUsedAt { get; set; }
    [Id(6)] public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The refresh token this one replaced; it still gets the same successor during the reuse grace.</summary>
    [Id(7)] public TokenHash? PreviousRefreshTokenHash { get; set; }
    [Id(8)] public DateTimeOffset RotatedAt { get; set; }

    /// <summary>Older refresh tokens of the session: presenting one is a reuse, and ends the session.</summary>
    [Id(9)] public List<TokenHash> RetiredRefreshTokenHashes { get; set; } = [];

    /// <summary>The API key the session was opened with, if it was: disabling or deleting the key ends it.</summary>
    [Id(10)] public string? ApiKeyId { get; init; }

    /// <summary>Every refresh token the session has handed out, newest first.</summary>
    public IEnumerable<TokenHash> RefreshTokenHashes()
    {
        yield return RefreshTokenHash;
        if (PreviousRefreshTokenHash is { } previous)
        {
            yield return previous;
        }

        foreach (var retired in Enumerable.Reverse(RetiredRefreshTokenHashes))
        {
            yield return retired;
        }
    }
}
