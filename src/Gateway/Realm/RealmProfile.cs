using System.Text.Json.Serialization;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Contracts;

namespace OrleansSessions.Gateway.Realm;

/// <summary>
/// A user's profile as Realm shapes it: <c>data</c> holds what the identities say of the user (PROVIDERS.md), not the
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
        DataOf(profile),
        "normal");

    /// <summary>The identities' metadata in Realm's names (and <c>picture_url</c> for the native SDKs); the account's email if it has one.</summary>
    private static Dictionary<string, string> DataOf(Profile profile)
    {
        var data = new Dictionary<string, string>(MetadataResponse.From(profile.Metadata, "first_name", "last_name"));
        if (profile.Metadata.Picture is { } picture)
        {
            data["picture_url"] = picture;
        }

        if (profile.Email is { } email)
        {
            data["email"] = email;
        }

        return data;
    }
}
