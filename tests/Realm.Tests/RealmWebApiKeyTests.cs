namespace OrleansSessions.Realm.Tests;

/// <summary>realm-web's <c>user.apiKeys</c> and <c>Credentials.apiKey</c> (2.0.1, under Node) against a gateway with API keys on.</summary>
[Collection(ApiKeyRealmGatewayCollection.Name)]
public sealed class RealmWebApiKeyTests(ApiKeyRealmGateway gateway, RealmClient client)
{
    [Fact]
    public Task Keys_are_managed_log_their_owner_in_and_end_their_sessions_and_a_server_key_logs_in_its_user() =>
        client.RunAsync(gateway, "apikeys");
}
