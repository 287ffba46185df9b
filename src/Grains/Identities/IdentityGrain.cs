using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Identities;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Identities;

/// <summary>
/// An email/password identity (key: the normalized email). Registration is unique among live accounts: an
/// identity whose user was deleted is free again, even if the deletion's release never arrived, and one whose user
/// still waits for confirmation is taken over by the new registration (so that whoever confirms from the mailbox
/// confirms the password they chose). Failed logins are counted here, one grain for the whole cluster, whether the
/// account exists or not. A hash of an older kind is made anew at the next successful login.
/// </summary>
public sealed class IdentityGrain(
    [PersistentState("identity")] IPersistentState<IdentityState> state,
    IOptions<SessionPolicyOptions> policy,
    PasswordHashing hashing,
    TimeProvider time) : Grain, IIdentityGrain
{
    private readonly LoginFailures _failures = new(policy.Value.Lockout);

    public async Task<string> Register(string userId, Secret password, TokenHash? confirmationTokenHash)
    {
        if (state.State.UserId == userId)
        {
            return userId; // this very registration, sent again by a gateway that lost the answer
        }

        if (state.State.UserId is { } existing && await GrainFactory.GetGrain<IUserGrain>(existing).Exists()
            && !await GrainFactory.GetGrain<IUserGrain>(existing).DiscardPendingRegistration())
        {
            throw new SessionsException(ErrorCodes.AccountNameInUse, "An account with this email exists.");
        }

        await GrainFactory.GetGrain<IUserGrain>(userId).CreateRegistered(this.GetPrimaryKeyString(), confirmationTokenHash);
        state.State.UserId = userId;
        state.State.PasswordHash = await hashing.Hash(password.Value);
        await state.WriteStateAsync();
        return userId;
    }

    public async Task<string> Authenticate(Secret password)
    {
        var now = time.GetUtcNow();
        try
        {
            _failures.EnsureNotLocked(now);
        }
        catch (SessionsException locked)
        {
            await RecordFailure(locked.Code);
            throw;
        }

        var match = await hashing.Verify(state.State.PasswordHash, password.Value);
        if (match == PasswordMatch.Failed)
        {
            _failures.Record(now);
            await RecordFailure(ErrorCodes.InvalidCredentials);
            throw InvalidCredentials();
        }

        _failures.Reset();
        if (match == PasswordMatch.ValidNeedsRehash)
        {
            state.State.PasswordHash = await hashing.Hash(password.Value);
            await state.WriteStateAsync();
        }

        return state.State.UserId!;
    }

    /// <summary>Notes a failed login in the audit trail of the user this identity reaches, if any (one-way).</summary>
    private Task RecordFailure(string outcome) => state.State.UserId is { } userId
        ? GrainFactory.GetGrain<IUserGrain>(userId).RecordFailedLogin(outcome)
        : Task.CompletedTask;

    public async Task SetPassword(string userId, Secret password)
    {
        EnsureReaches(userId);
        state.State.PasswordHash = await hashing.Hash(password.Value);
        await state.WriteStateAsync();
        _failures.Reset();
    }

    /// <summary>A wrong current password counts with the failed logins, and the lockout refuses it alike.</summary>
    public async Task ChangePassword(string userId, Secret currentPassword, Secret newPassword)
    {
        EnsureReaches(userId);
        await Authenticate(currentPassword);
        await SetPassword(userId, newPassword);
    }

    public Task<string?> FindUser() => Task.FromResult(state.State.UserId);

    public async Task Reassign(string fromUserId, string toUserId)
    {
        if (state.State.UserId != fromUserId)
        {
            throw new SessionsException(ErrorCodes.IdentityInUse, "This identity changed hands meanwhile.");
        }

        state.State.UserId = toUserId;
        await state.WriteStateAsync();
    }

    public async Task Release(string userId)
    {
        if (state.State.UserId == userId)
        {
            await state.ClearStateAsync();
        }
    }

    private void EnsureReaches(string userId)
    {
        if (state.State.UserId != userId)
        {
            throw InvalidCredentials();
        }
    }

    private static SessionsException InvalidCredentials() =>
        new(ErrorCodes.InvalidCredentials, "The credentials are not valid.");
}
