using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Abstractions.Identities;

/// <summary>The grain keys of identities.</summary>
public static class IdentityKeys
{
    /// <summary>The key of an external identity grain.</summary>
    public static string External(UserIdentity identity) => $"{identity.ProviderType}:{identity.Id}";
}
