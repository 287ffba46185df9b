namespace OrleansSessions.Client.Models;

/// <summary>
/// An API key as listed (never with its secret). A server key names its server user (<see cref="UserId"/>); the answer
/// that makes a key carries its secret, <see cref="Key"/>, that once.
/// </summary>
public sealed record ApiKey(
    string Id, string Name, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, string? UserId = null, string? Key = null);
