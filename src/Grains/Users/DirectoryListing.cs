using OrleansSessions.Abstractions.UserDirectory;

namespace OrleansSessions.Grains.Users;

/// <summary>
/// The user's entry in the user directory. When a change alters what the directory shows of the user, the entry goes
/// in the outbox under the next version, written with the change: delivered after it, retried until it arrives (also
/// by the next activation if this silo dies first), and ignored by the directory if an equal or later version is there.
/// </summary>
public sealed class DirectoryListing(string userId, UserState state, Outbox outbox)
{
    /// <summary>Puts the entry in the outbox if it differs from the one last put there.</summary>
    public void Update()
    {
        if (state.Status is not null && !Current(0).SameAs(state.Listed))
        {
            Put();
        }
    }

    /// <summary>Puts the entry in the outbox under a new version whatever it was (for a rebuild of the directory).</summary>
    public void Relist()
    {
        if (state.Status is not null)
        {
            Put();
        }
    }

    private void Put()
    {
        state.Listed = Current((state.Listed?.Version ?? 0) + 1);
        outbox.Put(new DirectoryDelivery(state.Listed));
    }

    private DirectoryEntry Current(long version) => new(
        userId,
        version,
        state.Email,
        state.Status!.Value,
        UserTypes.Normal,
        state.Identities.Select(i => i.ProviderType).Distinct().ToList(),
        state.CreatedAt,
        state.LastLoginAt,
        state.Sessions.Count,
        state.Deleted);
}
