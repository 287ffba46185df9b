using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Identities;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Identities;

/// <summary>An identity at an external issuer, bound to the user it reaches; a deleted user frees it.</summary>
public sealed class ExternalIdentityGrain(
    [PersistentState("externalIdentity")] IPersistentState<ExternalIdentityState> state) : Grain, IExternalIdentityGrain
{
    public async Task<string> FindOrBindUser()
    {
        if (await LiveUser() is { } userId)
        {
            return userId;
        }

        state.State.UserId = Ids.New();
        await state.WriteStateAsync();
        return state.State.UserId;
    }

    public async Task Link(string userId)
    {
        if (await LiveUser() is { } owner)
        {
            throw new SessionsException(
                ErrorCodes.IdentityInUse,
                owner == userId ? "This user has this identity already." : "This identity belongs to another user.");
        }

        state.State.UserId = userId;
        await state.WriteStateAsync();
    }

    public async Task Release(string userId)
    {
        if (state.State.UserId == userId)
        {
            await state.ClearStateAsync();
        }
    }

    /// <summary>
    /// The user this identity reaches unless that user was deleted. A user id bound but not yet made counts as
    /// live, so that parallel first logins agree on it.
    /// </summary>
    private async Task<string?> LiveUser() =>
        state.State.UserId is { } userId && !await GrainFactory.GetGrain<IUserGrain>(userId).IsDeleted() ? userId : null;
}
