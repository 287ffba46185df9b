namespace OrleansSessions.Abstractions.Identities;

/// <summary>
/// One identity at an external issuer (key: <c>{provider}:{subject}</c>, e.g. <c>custom-token:user-42</c>): the user
/// it reaches. Its first login makes that user.
/// </summary>
[Alias("OrleansSessions.IExternalIdentityGrain")]
public interface IExternalIdentityGrain : IGrainWithStringKey
{
    /// <summary>The live user this identity reaches, or a new user id bound to it from now on.</summary>
    [Alias("FindOrBindUser")]
    Task<string> FindOrBindUser();

    /// <summary>Binds the identity to <paramref name="userId"/> (a link), unless a live user other than it has it.</summary>
    [Alias("Link")]
    Task Link(string userId);

    /// <summary>Frees the identity, if it still reaches <paramref name="userId"/>.</summary>
    [Alias("Release")]
    Task Release(string userId);
}
