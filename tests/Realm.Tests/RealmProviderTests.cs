using static OrleansSessions.TestSupport.Providers.OpenIdProviderStandIn;

namespace OrleansSessions.Realm.Tests;

/// <summary>The published realm-web client logs in with Google (ID token and code), Apple, Facebook and a function, and links Google.</summary>
[Collection(ProvidersRealmGatewayCollection.Name)]
public sealed class RealmProviderTests(ProvidersRealmGateway gateway, RealmClient client)
{
    [Fact]
    public async Task Realm_web_logs_in_with_google_apple_facebook_and_a_function_and_links_google()
    {
        var subject = $"sub-{Guid.NewGuid():N}";
        var linked = $"sub-{Guid.NewGuid():N}";
        string[] secrets =
        [
            await gateway.Op.IdTokenAsync(Google, subject),
            await gateway.Op.CodeAsync(Google, subject),
            await gateway.Op.IdTokenAsync(Apple, subject),
            gateway.Graph.NewToken(Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString()),
            await gateway.Op.IdTokenAsync(Google, linked),
        ];
        foreach (var secret in secrets)
        {
            gateway.NoteSecret(secret);
        }

        await client.RunAsync(gateway, "providers", [subject, .. secrets]);

        Assert.Equal(0, gateway.Webhook.BadSignatures);
        Assert.Contains(gateway.Webhook.Received, body => body.GetProperty("payload").GetRawText() == """{"user":"realm-fn-user","pin":7}""");
    }
}
