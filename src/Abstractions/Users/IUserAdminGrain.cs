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

    [Alias("SetCustomData")]
    Task SetCustomData(string json);
}
