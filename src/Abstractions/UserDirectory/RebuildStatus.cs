namespace OrleansSessions.Abstractions.UserDirectory;

/// <summary>Where a rebuild of the directory stands.</summary>
public enum RebuildState
{
    /// <summary>None ran since the silo that keeps the status started.</summary>
    Idle,
    Running,
    Done,
    Failed,
}

/// <summary>
/// The last rebuild of the user directory: when it started and ended, how many users it asked to list themselves
/// again so far, and, once done, how many users the directory lists.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.RebuildStatus")]
public sealed record RebuildStatus(
    RebuildState State, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long Relisted, long? Users)
{
    public static readonly RebuildStatus Idle = new(RebuildState.Idle, null, null, 0, null);
}
