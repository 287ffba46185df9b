using System.Collections.Concurrent;
using Orleans.Storage;

namespace OrleansSessions.Grains.Tests.Cluster;

/// <summary>
/// The cluster's default grain storage: memory storage that fails the next write of a grain when a test asks it
/// to, as an unreachable storage would.
/// </summary>
public sealed class FailingStorage(IGrainStorage inner) : IGrainStorage
{
    public const string InnerName = "memory";

    private static readonly ConcurrentDictionary<GrainId, bool> FailNext = [];

    /// <summary>The next write of this grain's state fails.</summary>
    public static void FailNextWriteOf(GrainId grainId) => FailNext[grainId] = true;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        FailNext.TryRemove(grainId, out _)
            ? throw new TimeoutException("A test made this write fail, as an unreachable storage would.")
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
