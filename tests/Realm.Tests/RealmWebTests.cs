namespace OrleansSessions.Realm.Tests;

/// <summary>The published realm-web client (2.0.1, under Node) against the gateway: each test runs one script of client/flows.</summary>
[Collection(DefaultRealmGatewayCollection.Name)]
public sealed class RealmWebTests(DefaultRealmGateway gateway, RealmClient client)
{
    [Fact]
    public Task Register_log_in_list_switch_custom_data_log_out_remove_link_and_delete() => client.RunAsync(gateway, "accounts");

    [Fact]
    public Task An_admin_revoke_logs_the_user_out_on_the_client_and_on_the_server() => client.RunAsync(gateway, "revoked");
}
