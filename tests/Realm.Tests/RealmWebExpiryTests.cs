namespace OrleansSessions.Realm.Tests;

/// <summary>realm-web against a gateway whose access tokens live two seconds and whose refresh tokens have no reuse grace.</summary>
[Collection(ShortTokenRealmGatewayCollection.Name)]
public sealed class RealmWebExpiryTests(ShortTokenRealmGateway gateway, RealmClient client)
{
    [Fact]
    public Task An_expired_access_token_is_refreshed_transparently_with_the_same_refresh_token() => client.RunAsync(gateway, "expired");
}
