using System.Text.Json.Serialization;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Gateway.Realm;

/// <summary>
/// A user's profile as Realm shapes it: <c>data</c> holds what the identities say of the user (its email), not the
/// custom user data, which a Realm client reads from its access token.
/// </summary>
public sealed record RealmProfile(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("domain_id")] string DomainId,
    [property: JsonPropertyName("identities")] IReadOnlyList<RealmIdentity> Identities,
    [property: JsonPropertyName("data")] IReadOnlyDictionary<string, string> Data,
    [property: JsonPropertyName("type")] string Type)
{
    public static RealmProfile From(Profile profile, string appId) => new(
        profile.UserId,
        appId,
        profile.Identities.Select(i => new RealmIdentity(i.Id, i.ProviderType)).ToList(),
        profile.Email is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["email"] = profile.Email },
        profile.Type == UserType.Server ? "server" : "normal");
}
