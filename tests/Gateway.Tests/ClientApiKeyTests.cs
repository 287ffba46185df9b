using System.Net;
using OrleansSessions.Client;
using OrleansSessions.Client.Models;

namespace OrleansSessions.Gateway.Tests;

/// <summary>The .NET client's API keys (user and server keys, key logins) and profile type against the real gateway.</summary>
[Collection(ApiKeyGatewayCollection.Name)]
public sealed class ClientApiKeyTests(ApiKeyGateway gateway)
{
    [Fact]
    public async Task A_user_manages_its_keys_and_a_key_logs_it_in_while_enabled()
    {
        var client = new SessionsClient(gateway.NewHttpClient());
        var (email, password) = (Api.NewEmail(), Api.NewPassword());
        await client.RegisterAsync(email, password);
        var owner = await (await client.RegisterDeviceAsync("laptop")).LogInAsync(Credentials.EmailPassword(email, password));

        var created = await owner.CreateApiKeyAsync("ci job");
        Assert.Equal((64, "ci job", false), (created.Key!.Length, created.Name, created.Disabled));
        var listed = Assert.Single(await owner.GetApiKeysAsync());
        Assert.Equal((created.Id, null), (listed.Id, listed.Key));
        var job = await client.RegisterDeviceAsync("job");
        var byKey = await job.LogInAsync(Credentials.ApiKey(created.Key));
        var profile = await byKey.GetProfileAsync();
        Assert.Equal((owner.UserId, "normal"), (profile.UserId, profile.Type));
        Assert.Empty(profile.Metadata);

        await owner.DisableApiKeyAsync(created.Id);
        Assert.True((await owner.GetApiKeyAsync(created.Id)).Disabled);
        Assert.Equal("session-revoked", (await Assert.ThrowsAsync<SessionsApiException>(() => byKey.GetProfileAsync())).Code);
        var refused = await Assert.ThrowsAsync<SessionsApiException>(() => job.LogInAsync(Credentials.ApiKey(created.Key)));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid-credentials"), (refused.Status, refused.Code));

        await owner.EnableApiKeyAsync(created.Id);
        Assert.Equal(owner.UserId, (await job.LogInAsync(Credentials.ApiKey(created.Key))).UserId);
        await owner.DeleteApiKeyAsync(created.Id);
        var gone = await Assert.ThrowsAsync<SessionsApiException>(() => owner.GetApiKeyAsync(created.Id));
        Assert.Equal((HttpStatusCode.NotFound, "api-key-not-found"), (gone.Status, gone.Code));
    }

    [Fact]
    public async Task An_admin_manages_server_keys_whose_users_are_server_users_and_users_keys()
    {
        var client = new SessionsClient(gateway.NewHttpClient());
        var admin = client.Admin(GatewayHost.AdminKey);
        var key = await admin.CreateServerApiKeyAsync($"server-{Guid.NewGuid():N}");
        Assert.NotNull(key.UserId);
        Assert.Contains(key.Id, (await admin.GetServerApiKeysAsync()).Select(k => k.Id));
        Assert.Equal(key.UserId, (await admin.GetServerApiKeyAsync(key.Id)).UserId);

        var server = await (await client.RegisterDeviceAsync("worker")).LogInAsync(Credentials.ApiKey(key.Key!));
        Assert.Equal((key.UserId, "server"), (server.UserId, (await server.GetProfileAsync()).Type));
        Assert.Equal("server", (await admin.GetUserAsync(key.UserId!)).Type);
        await admin.DisableServerApiKeyAsync(key.Id);
        await Assert.ThrowsAsync<SessionsApiException>(() => server.GetProfileAsync());
        await admin.EnableServerApiKeyAsync(key.Id);
        Assert.False((await admin.GetServerApiKeyAsync(key.Id)).Disabled);
        await admin.DeleteServerApiKeyAsync(key.Id);
        Assert.Equal("api-key-not-found", (await Assert.ThrowsAsync<SessionsApiException>(() => admin.GetServerApiKeyAsync(key.Id))).Code);

        var (email, password) = (Api.NewEmail(), Api.NewPassword());
        await client.RegisterAsync(email, password);
        var owner = await (await client.RegisterDeviceAsync()).LogInAsync(Credentials.EmailPassword(email, password));
        var userKey = await owner.CreateApiKeyAsync("backup");
        Assert.Equal([userKey.Id], (await admin.GetUserApiKeysAsync(owner.UserId)).Select(k => k.Id));
        await admin.DeleteUserApiKeyAsync(owner.UserId, userKey.Id);
        Assert.Empty(await owner.GetApiKeysAsync());
    }
}
