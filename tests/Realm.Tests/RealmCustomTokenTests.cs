namespace OrleansSessions.Realm.Tests;

/// <summary>realm-web's <c>Credentials.jwt</c> (the custom-token provider) against a gateway that trusts an issuer.</summary>
[Collection(CustomTokenRealmGatewayCollection.Name)]
public sealed class RealmCustomTokenTests(CustomTokenRealmGateway gateway, RealmClient client)
{
    [Fact]
    public Task A_jwt_login_makes_the_user_once_and_copies_the_issuers_claims_into_custom_data()
    {
        var subject = Guid.NewGuid().ToString("N");
        return client.RunAsync(gateway, "jwt", gateway.Token(subject, "Ana"), gateway.Token(subject, "Ana"));
    }
}
