using System.Net;
using System.Text.Json;
using OrleansSessions.TestSupport;

namespace OrleansSessions.Realm.Tests;

/// <summary>
/// The real gateway on Kestrel (TestSupport's <see cref="GatewayHost"/>: it fails the collection on a logged error or a
/// logged secret) with the Realm API on for <see cref="AppId"/> and one origin allowed by CORS.
/// </summary>
public abstract class RealmGateway : GatewayHost
{
    public const string AppId = "realm-tests-app";
    public const string AllowedOrigin = "https://app.example.test";

    protected sealed override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(MoreSettings)
    {
        ["Sessions:Realm:AppId"] = AppId,
        ["Sessions:Realm:AllowedOrigins:0"] = AllowedOrigin,
    };

    /// <summary>The settings of this configuration beyond the Realm ones.</summary>
    protected virtual IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>();

    /// <summary>A client of the gateway that sends the admin key.</summary>
    public HttpClient NewAdminClient()
    {
        var client = NewHttpClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
        return client;
    }

    /// <summary>The answer's JSON, once its status is checked; the tokens of a login are noted as secrets.</summary>
    public async Task<JsonElement> JsonOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(text).RootElement.Clone();
        foreach (var name in new[] { "access_token", "refresh_token" })
        {
            if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var token) && token.GetString() is { } secret)
            {
                NoteSecret(secret);
            }
        }

        return json;
    }
}
