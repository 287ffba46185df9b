namespace OrleansSessions.Grains.UserDirectory;

/// <summary>The ids of every user whose state the silo's grain storage holds: where a rebuild of the directory starts.</summary>
public interface IUserCatalog
{
    IAsyncEnumerable<string> UserIds(CancellationToken cancellationToken = default);
}
