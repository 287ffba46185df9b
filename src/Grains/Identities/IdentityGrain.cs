using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Identities;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Identities;

/// <summary>
/// An email/password identity (key: the normalized email). Registration is unique among live accounts: an
/// identity whose user was deleted is free again, even if the deletion's release never arrived.
/// </summary>
public sealed class IdentityGrain(
    [PersistentState("identity")] IPersistentState<IdentityState> state) : Grain, IIdentityGrain
{
    public async Task<string> Register(Secret password, TokenHash? confirmationTokenHash)
    {
        if (state.State.UserId is { } existing && await GrainFactory.GetGrain<IUserGrain>(existing).Exists())
        {
            throw new SessionsException(ErrorCodes.AccountNameInUse, "An account with this email exists.");
        }

        var userId = Ids.New();
        await GrainFactory.GetGrain<IUserGrain>(userId).CreateRegistered(this.GetPrimaryKeyString(), confirmationTokenHash);
        state.State.UserId = userId;
        state.State.PasswordHash = PasswordHashing.Hash(password.Value);
        await state.WriteStateAsync();
        return userId;
    }

    public Task<string> Authenticate(Secret password) =>
        PasswordHashing.Verify(state.State.PasswordHash, password.Value)
            ? Task.FromResult(state.State.UserId!)
            : throw new SessionsException(ErrorCodes.InvalidCredentials, "The credentials are not valid.");

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
}
