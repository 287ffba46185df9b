using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Gateway.Providers;

/// <summary>
/// Whose ID tokens a provider accepts: the issuer (its discovery document is <c>{Issuer}/.well-known/openid-configuration</c>),
/// the <c>iss</c> values, the <c>aud</c> values and the signature algorithms. Google, Apple and <c>oidc</c> are presets of it.
/// </summary>
public sealed record OpenIdIssuer(
    string ProviderType, string Issuer, IReadOnlyList<string> ValidIssuers, IReadOnlyList<string> Audiences, IReadOnlyList<string> Algorithms)
{
    private static readonly string[] AsymmetricAlgorithms =
        ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    public static OpenIdIssuer Google(GoogleOptions google) => new(
        ProviderTypes.Google, google.Issuer!, [google.Issuer!, "accounts.google.com"], google.Audiences, ["RS256"]);

    public static OpenIdIssuer Apple(AppleOptions apple) =>
        new(ProviderTypes.Apple, apple.Issuer!, [apple.Issuer!], apple.Audiences, ["RS256", "ES256"]);

    public static OpenIdIssuer Oidc(OidcOptions oidc) => new(
        ProviderTypes.Oidc, oidc.Issuer!, [oidc.Issuer!], oidc.Audiences,
        ProvidersOptions.List(oidc.Algorithms).Intersect(AsymmetricAlgorithms).ToList());

    public Uri DiscoveryAddress => new($"{Issuer.TrimEnd('/')}/.well-known/openid-configuration");
}
