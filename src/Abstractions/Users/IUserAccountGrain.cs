using Orleans.Concurrency;

namespace OrleansSessions.Abstractions.Users;

/// <summary>A user's lifecycle as the user lives it: creation, identities and links, profile, password, deletion.</summary>
[Alias("OrleansSessions.IUserAccountGrain")]
public interface IUserAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account behind a new email/password identity.</summary>
    [Alias("CreateRegistered")]
    Task CreateRegistered(string email, TokenHash? confirmationTokenHash);

    /// <summary>Whether the account exists and is not deleted; callable while the grain is busy.</summary>
    [AlwaysInterleave, ReadOnly, Alias("Exists")]
    Task<bool> Exists();

    /// <summary>
    /// Deletes the account if it is a registration still waiting for confirmation (its confirmation tokens stop
    /// working), so that a new registration of its email replaces it; false otherwise.
    /// </summary>
    [Alias("DiscardPendingRegistration")]
    Task<bool> DiscardPendingRegistration();

    /// <summary>Whether the account was deleted; callable while the grain is busy.</summary>
    [AlwaysInterleave, ReadOnly, Alias("IsDeleted")]
    Task<bool> IsDeleted();

    /// <summary>
    /// Logs in through an external identity (custom token, Google, Apple, Facebook, custom function, OpenID Provider),
    /// making the user on first use; copies the issuer's claims (a JSON object) into the user's custom data and keeps
    /// what the provider said of the user (<paramref name="metadata"/>, when it says something).
    /// </summary>
    [Alias("LoginExternal")]
    Task<SessionGrant> LoginExternal(NewSession session, UserIdentity identity, string copiedClaims, UserMetadata? metadata);

    /// <summary>Logs in the anonymous user of this id, creating it on first use.</summary>
    [Alias("LoginAnonymous")]
    Task<SessionGrant> LoginAnonymous(NewSession session);

    /// <summary>Links an external identity to the signed-in user, keeping what its provider said of the user.</summary>
    [SingleAttempt, Alias("LinkExternal")]
    Task<Profile> LinkExternal(string sessionId, UserIdentity identity, UserMetadata? metadata);

    /// <summary>Links an email/password identity to the signed-in user.</summary>
    [SingleAttempt, Alias("LinkPassword")]
    Task<Profile> LinkPassword(string sessionId, string email, Secret password);

    /// <summary>Gives up this never-used account so that its identity can be linked to <paramref name="toUserId"/>.</summary>
    [Alias("ReleaseForLink")]
    Task ReleaseForLink(string toUserId);

    [Alias("GetProfile")]
    Task<Profile> GetProfile(string sessionId);

    /// <summary>Changes the signed-in user's password, and ends every other session of the user.</summary>
    [SingleAttempt, Alias("ChangePassword")]
    Task ChangePassword(string sessionId, Secret currentPassword, Secret newPassword);

    [SingleAttempt, Alias("DeleteSelf")]
    Task DeleteSelf(string sessionId);
}
