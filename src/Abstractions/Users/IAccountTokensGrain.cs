namespace OrleansSessions.Abstractions.Users;

/// <summary>The one-time tokens sent to a user's email: confirmation and password reset.</summary>
[Alias("OrleansSessions.IAccountTokensGrain")]
public interface IAccountTokensGrain : IGrainWithStringKey
{
    [SingleAttempt, Alias("ConfirmWithToken")]
    Task ConfirmWithToken(TokenHash tokenHash);

    /// <summary>Replaces a pending account's confirmation token; false when there is nothing to confirm.</summary>
    [Alias("ReissueConfirmation")]
    Task<bool> ReissueConfirmation(TokenHash tokenHash);

    /// <summary>Stores a password reset token; false when the account has no password to reset.</summary>
    [Alias("StartPasswordReset")]
    Task<bool> StartPasswordReset(TokenHash tokenHash);

    /// <summary>Sets a new password with a reset token, and ends every session of the user.</summary>
    [SingleAttempt, Alias("ResetPassword")]
    Task ResetPassword(TokenHash tokenHash, Secret newPassword);
}
