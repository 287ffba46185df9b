using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Users;

/// <summary>
/// The user's entry in the user directory. When a change alters what the directory shows of the user, the entry goes
/// in the outbox under the next version, written with the change: delivered after it, retried until it arrives (also
/// by the next activation if this silo dies first), and ignored by the directory if an equal or later version is there.
/// </summary>
public sealed class DirectoryListing(string userId, UserState state, SessionBook sessions, Outbox outbox)
{
    /// <summary>Puts the entry in the outbox if it differs from the one last put there.</summary>
    public void Update(DateTimeOffset now)
    {
        if (state.Status is not null && !Current(0, now).SameAs(state.Listed))
        {
            Put(now);
        }
    }

    /// <summary>Puts the entry in the outbox under a new version whatever it was (for a rebuild of the directory).</summary>
    public void Relist(DateTimeOffset now)
    {
        if (state.Status is not null)
        {
            Put(now);
        }
    }

    private void Put(DateTimeOffset now)
    {
        state.Listed = Current((state.Listed?.Version ?? 0) + 1, now);
        outbox.Put(new DirectoryDelivery(state.Listed));
    }

    /// <summary>The entry as of <paramref name="now"/>: the sessions live then, each with its absolute expiry.</summary>
    private DirectoryEntry Current(long version, DateTimeOffset now) => new(
        userId,
        version,
        state.Email,
        state.Status!.Value,
        state.Type == UserType.Server ? UserTypes.Server : UserTypes.Normal,
        state.Identities.Select(i => i.ProviderType).Distinct().ToList(),
        state.CreatedAt,
        state.LastLoginAt,
        state.Deleted ? [] : sessions.All.Where(s => sessions.IsLive(s.SessionId, now)).Select(s => s.ExpiresAt).Order().ToList(),
        state.Deleted);
}
