using OrleansSessions.Grains.UserDirectory;
using OrleansSessions.Hosting.Embedded;

namespace OrleansSessions.Hosting.UserDirectory;

/// <summary>The users of the embedded mode's memory storage (<see cref="InProcessGrainStorage"/>).</summary>
public sealed class MemoryUserCatalog(InProcessGrainStorage storage) : IUserCatalog
{
    public IAsyncEnumerable<string> UserIds(CancellationToken cancellationToken = default) =>
        storage.GrainIds(UserGrainKeys.StateName)
            .Select(grainId => grainId.ToString())
            .Where(key => key.StartsWith(UserGrainKeys.GrainIdPrefix, StringComparison.Ordinal))
            .Select(UserGrainKeys.UserIdAtEnd)
            .OfType<string>()
            .ToAsyncEnumerable();
}
