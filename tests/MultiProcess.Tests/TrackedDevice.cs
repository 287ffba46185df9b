namespace OrleansSessions.MultiProcess.Tests;

/// <summary>
/// A device the load registered. <see cref="Settled"/> stays true while every request that could change it was
/// acknowledged, so its user list is known to the end and must be the same after the cluster restarts.
/// </summary>
public sealed class TrackedDevice(string id, string token)
{
    public string Id { get; } = id;

    public string Token { get; } = token;

    public bool Settled { get; set; } = true;

    public List<TrackedSession> Sessions { get; } = [];
}
