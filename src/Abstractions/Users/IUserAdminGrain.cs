namespace OrleansSessions.Abstractions.Users;

/// <summary>What an admin does to a user (<c>user-not-found</c> for no user).</summary>
[Alias("OrleansSessions.IUserAdminGrain")]
public interface IUserAdminGrain : IGrainWithStringKey
{
    [Alias("GetAdminView")]
    Task<AdminUser> GetAdminView();

    [Alias("Confirm")]
    Task Confirm();

    [Alias("Disable")]
    Task Disable();

    [Alias("Enable")]
    Task Enable();

    [Alias("RevokeSessions")]
    Task RevokeSessions();

    [SingleAttempt, Alias("Delete")]
    Task Delete();

    /// <summary>Ends one session of the user (<c>session-not-found</c> if it has none of this id); its device is told.</summary>
    [Alias("EndSessionByAdmin")]
    Task EndSessionByAdmin(string sessionId);

    /// <summary>Gives the user directory the user's entry again, under a new version (a rebuild does this to every user).</summary>
    [Alias("Relist")]
    Task Relist();

    [Alias("SetCustomData")]
    Task SetCustomData(string json);
}
