namespace OrleansSessions.Client.Models;

/// <summary>One session of a user; <c>Current</c> is set when the user itself lists them.</summary>
public sealed record Session(
    string SessionId, string DeviceId, string? DeviceName, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, bool? Current);
