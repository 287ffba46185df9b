using Microsoft.Extensions.Logging;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.Identities;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Users;

/// <summary>The user grain's account as the user lives it: creation, logins that create, links, password, deletion.</summary>
public sealed partial class UserGrain
{
    public async Task CreateRegistered(string email, TokenHash? confirmationTokenHash)
    {
        if (User.Account.IsRegisteredAs(email))
        {
            return; // the same registration again, from an identity grain that lost the answer: done already
        }

        if (User.Account.WasCreated)
        {
            throw new SessionsException(ErrorCodes.AccountNameInUse, "This user id is taken.");
        }

        User.CreateRegistered(email, confirmationTokenHash, Now);
        await Commit();
    }

    public Task<bool> Exists() => Task.FromResult(User.Account.Exists);

    public async Task<bool> DiscardPendingRegistration()
    {
        if (!User.Account.IsPending)
        {
            return false;
        }

        User.Delete();
        Audit(AuditActions.Delete, AuditActions.BySystem);
        await Commit();
        return true;
    }

    public Task<bool> IsDeleted() => Task.FromResult(User.Account.IsDeleted);

    public async Task<SessionGrant> LoginExternal(NewSession session, UserIdentity identity, string copiedClaims, UserMetadata? metadata)
    {
        if (!User.Account.WasCreated)
        {
            User.Account.CreateExternal(identity, Now);
        }
        else if (!User.Account.Has(identity))
        {
            throw new SessionsException(ErrorCodes.InvalidCredentials, "The credentials are not valid.");
        }

        await EnsureCanLogIn(session);
        User.Account.MergeIntoCustomData(copiedClaims);
        User.Account.SetMetadata(metadata);
        return await StartSession(session);
    }

    public async Task<SessionGrant> LoginAnonymous(NewSession session)
    {
        if (!User.Account.WasCreated)
        {
            User.Account.CreateAnonymous(Now);
        }
        else if (!User.Account.IsAnonymous)
        {
            throw new SessionsException(ErrorCodes.InvalidCredentials, "The credentials are not valid.");
        }

        await EnsureCanLogIn(session);
        return await StartSession(session);
    }

    public async Task<Profile> LinkExternal(string sessionId, UserIdentity identity, UserMetadata? metadata)
    {
        User.Sessions.Check(sessionId, Now);
        await GrainFactory.GetGrain<IExternalIdentityGrain>(IdentityKeys.External(identity)).Link(UserId);
        User.Link(identity);
        User.Account.SetMetadata(metadata);
        Audit(AuditActions.Link, AuditActions.ByUser, sessionId: sessionId);
        await Commit();
        LogLinked(UserId);
        return User.Account.Profile();
    }

    public async Task<Profile> LinkPassword(string sessionId, string email, Secret password)
    {
        User.Sessions.Check(sessionId, Now);
        var identity = GrainFactory.GetGrain<IIdentityGrain>(email);
        var ownerId = await identity.Authenticate(password);
        if (ownerId == UserId || User.Account.Emails.Any())
        {
            throw new SessionsException(ErrorCodes.IdentityInUse, "This user has an email/password identity already.");
        }

        await GrainFactory.GetGrain<IUserGrain>(ownerId).ReleaseForLink(UserId);
        await identity.Reassign(ownerId, UserId);
        User.Link(new UserIdentity(ProviderTypes.LocalUserPass, Ids.New()), email);
        Audit(AuditActions.Link, AuditActions.ByUser, sessionId: sessionId);
        await Commit();
        LogLinked(UserId);
        return User.Account.Profile();
    }

    public async Task ReleaseForLink(string toUserId)
    {
        User.Account.EnsureReleasableForLink();
        User.Delete();
        await Commit();
        LogReleasedForLink(UserId, toUserId);
    }

    public Task<Profile> GetProfile(string sessionId)
    {
        User.Sessions.Check(sessionId, Now);
        return Task.FromResult(User.Account.Profile());
    }

    public async Task ChangePassword(string sessionId, Secret currentPassword, Secret newPassword)
    {
        User.Sessions.Check(sessionId, Now);
        var email = User.Account.RequireEmail();
        await GrainFactory.GetGrain<IIdentityGrain>(email).ChangePassword(UserId, currentPassword, newPassword);
        User.EndSessions(SessionEndReason.SessionEnded, keepSessionId: sessionId);
        Audit(AuditActions.PasswordChange, AuditActions.ByUser, sessionId: sessionId);
        await Commit();
        LogPasswordChanged(UserId);
    }

    public async Task DeleteSelf(string sessionId)
    {
        User.Sessions.Check(sessionId, Now);
        await DeleteAccount(AuditActions.ByUser);
    }

    /// <summary>
    /// Deletes the account, tells its devices, and frees its identities for a new registration. The release is a
    /// courtesy: an identity whose user is gone is free to register anyway, so its failure fails nothing.
    /// </summary>
    private async Task DeleteAccount(string actor)
    {
        var emails = User.Account.Emails.ToList();
        var externals = User.Account.ExternalIdentities.ToList();
        User.Delete();
        Audit(AuditActions.Delete, actor);
        await Commit();
        try
        {
            await Task.WhenAll(emails.Select(e => GrainFactory.GetGrain<IIdentityGrain>(e).Release(UserId))
                .Concat(externals.Select(i => GrainFactory.GetGrain<IExternalIdentityGrain>(IdentityKeys.External(i)).Release(UserId))));
        }
        catch (Exception exception)
        {
            LogReleaseFailed(exception, UserId);
        }
    }

    [LoggerMessage(2, LogLevel.Information, "Linked an email/password identity to user {UserId}")]
    private partial void LogLinked(string userId);

    [LoggerMessage(3, LogLevel.Information, "User {UserId} gave up its identity to user {ToUserId}")]
    private partial void LogReleasedForLink(string userId, string toUserId);

    [LoggerMessage(4, LogLevel.Warning, "Could not free the email identity of deleted user {UserId}; it is free to register anyway")]
    private partial void LogReleaseFailed(Exception exception, string userId);

    [LoggerMessage(7, LogLevel.Information, "User {UserId} changed its password; its other sessions ended")]
    private partial void LogPasswordChanged(string userId);
}
