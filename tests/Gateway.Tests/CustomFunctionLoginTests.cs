using System.Net;
using System.Text.Json;
using OrleansSessions.TestSupport.Providers;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>Logins and links decided by the app's signed webhook (its double checks every signature).</summary>
[Collection(ProvidersGatewayCollection.Name)]
public sealed class CustomFunctionLoginTests(ProvidersGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    private static object Function(object payload) => new { provider = "custom-function", payload };

    private JsonElement LastReceived() => gateway.Webhook.Received.Last();

    [Fact]
    public async Task The_id_the_webhook_answers_is_the_identity_of_one_user()
    {
        var id = $"app-user-{Guid.NewGuid():N}";

        var first = await _api.LogIn(await _api.NewDevice(), Function(new { user = id, name = "Ana", pin = 7 }));
        var sent = LastReceived();
        var second = await _api.LogIn(await _api.NewDevice(), Function(new { user = id, name = "Ana B", email = "ana@app.example" }));

        Assert.Equal(first.UserId, second.UserId);
        Assert.Equal("login", sent.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.String, sent.GetProperty("requestId").ValueKind);
        Assert.Equal("Ana", sent.GetProperty("payload").GetProperty("name").GetString());
        var identity = Assert.Single((await _api.ProfileOf(second.AccessToken)).GetProperty("identities").EnumerateArray());
        Assert.Equal(("custom-function", id), (identity.GetProperty("providerType").GetString(), identity.GetProperty("id").GetString()));
        Assert.Equal(0, gateway.Webhook.BadSignatures);
        var profile = await _api.ProfileOf(second.AccessToken);
        Assert.Equal("""{"name":"Ana B","email":"ana@app.example"}""", profile.GetProperty("metadata").GetRawText());
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("email").ValueKind);
    }

    [Fact]
    public async Task Extended_json_numbers_reach_the_webhook_as_plain_numbers()
    {
        var payload = JsonElement.Parse("""{"user":"ejson-user","pin":{"$numberInt":"7"},"big":{"$numberLong":"9007199254740993"},"list":[{"$numberDouble":"1.5"}]}""");

        await _api.LogIn(await _api.NewDevice(), Function(payload));

        Assert.Equal("""{"user":"ejson-user","pin":7,"big":9007199254740993,"list":[1.5]}""", LastReceived().GetProperty("payload").GetRawText());
    }

    [Fact]
    public async Task A_webhook_link_is_sent_as_a_link()
    {
        var anonymous = await _api.LogIn(await _api.NewDevice(), Anonymous);
        var id = $"app-user-{Guid.NewGuid():N}";

        await Json(await _api.Link(anonymous.AccessToken, Function(new { user = id })));

        Assert.Equal("link", LastReceived().GetProperty("type").GetString());
        Assert.Equal(anonymous.UserId, (await _api.LogIn(await _api.NewDevice(), Function(new { user = id }))).UserId);
    }

    [Fact]
    public async Task A_refusal_of_the_webhook_is_invalid_credentials_with_its_error()
    {
        var device = await _api.NewDevice();

        var refused = await Problem(
            await _api.TryLogIn(device, Function(new { refuse = "unknown PIN" })), HttpStatusCode.Unauthorized, "invalid-credentials");
        var truncated = await Problem(
            await _api.TryLogIn(device, Function(new { refuse = new string('e', 300) })), HttpStatusCode.Unauthorized, "invalid-credentials");
        await Problem(await _api.TryLogIn(device, Function(new { answer = "403" })), HttpStatusCode.Unauthorized, "invalid-credentials");

        Assert.Equal("error executing auth function: unknown PIN", refused.GetProperty("detail").GetString());
        Assert.Equal("error executing auth function: " + new string('e', 200), truncated.GetProperty("detail").GetString());
        Assert.Empty(await _api.UserIds(device));
    }

    [Theory]
    [InlineData("418", null)]
    [InlineData("big", null)]
    [InlineData("noid", null)]
    [InlineData("longid", null)]
    [InlineData("notjson", null)]
    [InlineData("", "500")]
    [InlineData("", "redirect")]
    [InlineData("", "slow")]
    public async Task Any_other_answer_of_the_webhook_is_unavailable(string answer, string? fault)
    {
        var device = await _api.NewDevice();
        gateway.Webhook.Fault = fault;
        try
        {
            await Problem(await _api.TryLogIn(device, Function(new { answer })), HttpStatusCode.ServiceUnavailable, "unavailable");
        }
        finally
        {
            gateway.Webhook.Fault = null;
        }

        Assert.Empty(await _api.UserIds(device));
    }
}
