namespace OrleansSessions.Abstractions.Identities;

/// <summary>
/// One email/password identity (key: the normalized email): which user it reaches and its password hash.
/// Keyed by the identity, it keeps registration unique without any global lock.
/// </summary>
[Alias("OrleansSessions.IIdentityGrain")]
public interface IIdentityGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers the identity for the new user <paramref name="userId"/> and returns it: <c>account-name-in-use</c>
    /// while a live account has it, unless that account still waits for confirmation, which this registration
    /// replaces; the same registration repeated (the same new id) answers as the first did.
    /// </summary>
    [Alias("Register")]
    Task<string> Register(string userId, Secret password, TokenHash? confirmationTokenHash);

    /// <summary>
    /// The user this password reaches (<c>invalid-credentials</c> otherwise, for any reason). After too many
    /// failures in a row the identity is locked for a while (<c>rate-limited</c>), whether it exists or not.
    /// </summary>
    [Alias("Authenticate")]
    Task<string> Authenticate(Secret password);

    /// <summary>Sets a new password, if the identity still reaches <paramref name="userId"/>.</summary>
    [Alias("SetPassword")]
    Task SetPassword(string userId, Secret password);

    /// <summary>
    /// Changes the password of <paramref name="userId"/>'s identity, given its current one; a wrong one counts as a
    /// failed login, and a locked identity refuses it (<c>rate-limited</c>).
    /// </summary>
    [SingleAttempt, Alias("ChangePassword")]
    Task ChangePassword(string userId, Secret currentPassword, Secret newPassword);

    /// <summary>The user this identity reaches, or none.</summary>
    [Alias("FindUser")]
    Task<string?> FindUser();

    /// <summary>Points the identity at another user (a link), if it still reaches <paramref name="fromUserId"/>.</summary>
    [Alias("Reassign")]
    Task Reassign(string fromUserId, string toUserId);

    /// <summary>Frees the identity for a new registration, if it still reaches <paramref name="userId"/>.</summary>
    [Alias("Release")]
    Task Release(string userId);
}
