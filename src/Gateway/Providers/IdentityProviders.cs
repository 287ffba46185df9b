using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Problems;

namespace OrleansSessions.Gateway.Providers;

/// <summary>The sign-in methods of external identities, by name, and the checks of their credentials' fields.</summary>
public sealed class IdentityProviders(IEnumerable<IIdentityProvider> providers)
{
    private readonly Dictionary<string, IIdentityProvider> _byName = providers.ToDictionary(p => p.Name);

    public IReadOnlyCollection<string> Names => _byName.Keys;

    /// <summary>The provider of this name, or none when the name is not an external one.</summary>
    public IIdentityProvider? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Refuses fields the provider does not take (<paramref name="allowed"/> lists those it does).</summary>
    public static void RequireOnly(Credentials credentials, params string[] allowed)
    {
        var extra = credentials.Given().Except(allowed).ToList();
        Require.That(extra.Count == 0, $"'{string.Join("', '", extra)}' is not a field of {credentials.Provider} credentials.");
    }
}
