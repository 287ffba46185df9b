using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OrleansSessions.Realm.Tests;

// The gateway configurations the tests run against, each shared by the collection of the same name.

/// <summary>Every default, with the Realm API on.</summary>
public sealed class DefaultRealmGateway : RealmGateway;

/// <summary>
/// Access tokens that live two seconds, so a realm-web client meets an expired one; no reuse grace for a rotated refresh
/// token, so a client that refreshed twice with one token would be signed out if the Realm API rotated it.
/// </summary>
public sealed class ShortTokenRealmGateway : RealmGateway
{
    protected override IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>
    {
        ["Sessions:AccessTokenLifetime"] = "00:00:02",
        ["Sessions:ClockLeeway"] = "00:00:00",
        ["Sessions:RefreshTokenReuseGrace"] = "00:00:00",
    };
}

/// <summary>Email confirmation required, so that the confirmation routes have something to confirm.</summary>
public sealed class ConfirmingRealmGateway : RealmGateway
{
    protected override IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>
    {
        ["Sessions:RequireEmailConfirmation"] = "true",
    };
}

/// <summary>The custom-token provider on, trusting an issuer whose RSA key the test holds.</summary>
public sealed class CustomTokenRealmGateway : RealmGateway
{
    public const string Issuer = "https://issuer.example";
    public const string Audience = "realm-tests";

    public RSA IssuerKey { get; } = RSA.Create(2048);

    protected override IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>
    {
        ["Sessions:CustomToken:Issuer"] = Issuer,
        ["Sessions:CustomToken:Audience"] = Audience,
        ["Sessions:CustomToken:PublicKeyPem"] = IssuerKey.ExportSubjectPublicKeyInfoPem(),
        ["Sessions:CustomToken:CopiedClaims"] = "name",
    };

    /// <summary>A token of the issuer for <paramref name="subject"/>, noted as a secret.</summary>
    public string Token(string subject, string name)
    {
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["name"] = name },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(IssuerKey), SecurityAlgorithms.RsaSha256),
        });
        NoteSecret(token);
        return token;
    }
}

/// <summary>API keys on: realm-web's <c>user.apiKeys</c> and <c>Credentials.apiKey</c>.</summary>
public sealed class ApiKeyRealmGateway : RealmGateway
{
    protected override IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>
    {
        ["Sessions:ApiKeys:Enabled"] = "true",
    };
}

[CollectionDefinition(Name)]
public sealed class DefaultRealmGatewayCollection : ICollectionFixture<DefaultRealmGateway>, ICollectionFixture<RealmClient>
{
    public const string Name = "default realm gateway";
}

[CollectionDefinition(Name)]
public sealed class ShortTokenRealmGatewayCollection : ICollectionFixture<ShortTokenRealmGateway>, ICollectionFixture<RealmClient>
{
    public const string Name = "short-token realm gateway";
}

[CollectionDefinition(Name)]
public sealed class ConfirmingRealmGatewayCollection : ICollectionFixture<ConfirmingRealmGateway>
{
    public const string Name = "confirming realm gateway";
}

[CollectionDefinition(Name)]
public sealed class CustomTokenRealmGatewayCollection : ICollectionFixture<CustomTokenRealmGateway>, ICollectionFixture<RealmClient>
{
    public const string Name = "custom-token realm gateway";
}

[CollectionDefinition(Name)]
public sealed class ApiKeyRealmGatewayCollection : ICollectionFixture<ApiKeyRealmGateway>, ICollectionFixture<RealmClient>
{
    public const string Name = "api-key realm gateway";
}
