using OrleansSessions.Abstractions.UserDirectory;

namespace OrleansSessions.Gateway.Contracts;

/// <summary>
/// The last rebuild of the user directory: its state (<c>idle</c>, <c>running</c>, <c>done</c>, <c>failed</c>), when it
/// started and finished, how many users it asked to list themselves again so far, and, once done, how many it lists.
/// </summary>
public sealed record RebuildResponse(
    RebuildState State, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long Relisted, long? Users)
{
    public static RebuildResponse From(RebuildStatus status) =>
        new(status.State, status.StartedAt, status.FinishedAt, status.Relisted, status.Users);
}
