namespace OrleansSessions.Abstractions.UserDirectory;

/// <summary>
/// The one place (key 0) that runs a rebuild of the user directory in the background and tells how far it got: a
/// rebuild reads every user of the grain storage, which takes long with many users.
/// </summary>
[Alias("OrleansSessions.IDirectoryRebuildGrain")]
public interface IDirectoryRebuildGrain : IGrainWithIntegerKey
{
    /// <summary>Starts a rebuild unless one is running; answers the status of the one running.</summary>
    [Alias("Start")]
    Task<RebuildStatus> Start();

    [Alias("Status")]
    Task<RebuildStatus> Status();
}
