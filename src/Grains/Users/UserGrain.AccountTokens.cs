using Microsoft.Extensions.Logging;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Identities;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Users;

/// <summary>
/// The user grain's one-time account tokens: confirmation and password reset. The tokens name the user (they are
/// sent to its email), so they live here; the identity grain holds and hashes the password they reset. Using one
/// proves the email, which leaves its owner alone in the account.
/// </summary>
public sealed partial class UserGrain
{
    public async Task ConfirmWithToken(TokenHash tokenHash)
    {
        User.Tokens.UseConfirmation(tokenHash, Now);
        User.Account.Confirm();
        ProveEmail();
        Audit(AuditActions.Confirm, AuditActions.ByUser);
        await Commit();
    }

    public async Task<bool> ReissueConfirmation(TokenHash tokenHash)
    {
        var reissued = User.Tokens.IssueConfirmation(tokenHash, Now);
        if (reissued)
        {
            await Commit();
        }

        return reissued;
    }

    public async Task<bool> StartPasswordReset(TokenHash tokenHash)
    {
        var started = User.Tokens.IssuePasswordReset(tokenHash, Now);
        if (started)
        {
            await Commit();
        }

        return started;
    }

    public async Task ResetPassword(TokenHash tokenHash, Secret newPassword)
    {
        var email = User.Tokens.UsePasswordReset(tokenHash, Now);
        await GrainFactory.GetGrain<IIdentityGrain>(email).SetPassword(UserId, newPassword);
        ProveEmail();
        Audit(AuditActions.PasswordReset, AuditActions.ByUser);
        await Commit();
        LogPasswordReset(UserId);
    }

    /// <summary>The email is proven: the sessions end, and the identities linked while it was unproven go.</summary>
    private void ProveEmail()
    {
        foreach (var identity in User.ProveEmail(Now))
        {
            Audit(AuditActions.Unlink, AuditActions.BySystem);
            LogUnprovenIdentityRemoved(UserId, identity.ProviderType);
        }
    }

    [LoggerMessage(9, LogLevel.Warning,
        "Security: the email of user {UserId} was proven; its {ProviderType} identity, linked before, is removed")]
    private partial void LogUnprovenIdentityRemoved(string userId, string providerType);

    [LoggerMessage(6, LogLevel.Information, "The password of user {UserId} was reset; every session ended")]
    private partial void LogPasswordReset(string userId);
}
