using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Users;

/// <summary>
/// The one-time tokens sent to the account's email: one confirmation and one password reset token at a time (a new
/// one replaces the old), each used once before it expires.
/// </summary>
public sealed class AccountTokens(UserState state, SessionPolicyOptions policy)
{
    /// <summary>A new confirmation token for a pending account (the old one stops working); false otherwise.</summary>
    public bool IssueConfirmation(TokenHash tokenHash, DateTimeOffset now)
    {
        if (!state.Exists || state.Status != UserStatus.Pending)
        {
            return false;
        }

        state.ConfirmationTokenHash = tokenHash;
        state.ConfirmationExpiresAt = now + policy.ConfirmationTokenLifetime;
        return true;
    }

    /// <summary>Uses up the confirmation token of a pending account, or <c>invalid-token</c>.</summary>
    public void UseConfirmation(TokenHash tokenHash, DateTimeOffset now)
    {
        if (!state.Exists || state.Status != UserStatus.Pending || !tokenHash.Matches(state.ConfirmationTokenHash)
            || state.ConfirmationExpiresAt <= now)
        {
            throw new SessionsException(ErrorCodes.InvalidToken, "The confirmation token is not valid.");
        }

        state.ConfirmationTokenHash = null;
    }

    /// <summary>Stores a password reset token for an account with an email identity; false otherwise.</summary>
    public bool IssuePasswordReset(TokenHash tokenHash, DateTimeOffset now)
    {
        if (!state.Exists || state.Email is null)
        {
            return false;
        }

        state.PasswordResetTokenHash = tokenHash;
        state.PasswordResetExpiresAt = now + policy.PasswordResetTokenLifetime;
        return true;
    }

    /// <summary>Uses up a password reset token, returning the email whose password it resets.</summary>
    public string UsePasswordReset(TokenHash tokenHash, DateTimeOffset now)
    {
        if (!state.Exists || state.Email is null || !tokenHash.Matches(state.PasswordResetTokenHash)
            || state.PasswordResetExpiresAt <= now)
        {
            throw new SessionsException(ErrorCodes.InvalidToken, "The password reset token is not valid.");
        }

        state.PasswordResetTokenHash = null;
        return state.Email;
    }
}
