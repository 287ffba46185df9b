using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Users;

/// <summary>What an admin does to a user; each refuses a user that does not exist (<c>user-not-found</c>).</summary>
public sealed partial class UserGrain
{
    public Task<AdminUser> GetAdminView()
    {
        EnsureExists();
        return Task.FromResult(User.AdminView());
    }

    public async Task Confirm()
    {
        EnsureExists();
        User.Account.Confirm();
        Audit(AuditActions.Confirm, AuditActions.ByAdmin);
        await Commit();
    }

    public async Task Disable()
    {
        EnsureExists();
        User.Disable();
        Audit(AuditActions.Disable, AuditActions.ByAdmin);
        await Commit();
    }

    public async Task Enable()
    {
        EnsureExists();
        User.Account.Enable();
        Audit(AuditActions.Enable, AuditActions.ByAdmin);
        await Commit();
    }

    public async Task RevokeSessions()
    {
        EnsureExists();
        User.EndSessions(SessionEndReason.Revoked);
        Audit(AuditActions.Revoke, AuditActions.ByAdmin);
        await Commit();
    }

    public async Task Delete()
    {
        EnsureExists();
        await DeleteAccount(AuditActions.ByAdmin);
    }

    public async Task EndSessionByAdmin(string targetSessionId)
    {
        EnsureExists();
        var target = User.Sessions.Find(targetSessionId)
            ?? throw new SessionsException(ErrorCodes.SessionNotFound, "The user has no session of this id.");
        User.EndSession(target, SessionEndReason.Revoked);
        Audit(AuditActions.Logout, AuditActions.ByAdmin, target.DeviceId, targetSessionId);
        await Commit();
    }

    public async Task Relist()
    {
        User.Listing.Relist(Now);
        await Commit();
    }

    public async Task SetCustomData(string json)
    {
        EnsureExists();
        User.Account.SetCustomData(json);
        await Commit();
    }

    private void EnsureExists()
    {
        if (!User.Account.Exists)
        {
            throw new SessionsException(ErrorCodes.UserNotFound, "No user has this id.");
        }
    }
}
