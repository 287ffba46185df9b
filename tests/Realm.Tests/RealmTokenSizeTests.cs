using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace OrleansSessions.Realm.Tests;

/// <summary>
/// Every token this service mints stays under 8 KiB whatever the custom data (issue 13, item 6): the largest custom data
/// allowed, 16 KiB of emoji that a token would carry escaped, leaves <c>user_data</c> out of the Realm access token, and
/// the user's next requests work; the profile still carries it.
/// </summary>
[Collection(DefaultRealmGatewayCollection.Name)]
public sealed class RealmTokenSizeTests(DefaultRealmGateway gateway) : IDisposable
{
    private const string App = $"/api/client/v2.0/app/{RealmGateway.AppId}";
    private const int MaxTokenLength = 8 * 1024;
    private const int MaxCustomDataBytes = 16 * 1024;

    private readonly HttpClient _http = gateway.NewHttpClient();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task The_largest_custom_data_leaves_every_token_under_8_KiB_and_the_next_requests_work()
    {
        var (email, password) = ($"realm-{Guid.NewGuid():N}@example.com", $"pw-{Guid.NewGuid():N}");
        gateway.NoteSecret(password);
        (await _http.PostAsJsonAsync($"{App}/auth/providers/local-userpass/register", new { email, password })).EnsureSuccessStatusCode();
        var first = await gateway.JsonOf(await RealmLogIn(email, password), HttpStatusCode.OK);
        var userId = first.GetProperty("user_id").GetString()!;

        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", (MaxCustomDataBytes - 8) / 4));
        var customData = $$"""{"e":"{{emoji}}"}""";
        Assert.True(Encoding.UTF8.GetByteCount(customData) <= MaxCustomDataBytes);
        using var admin = gateway.NewAdminClient();
        var set = await admin.PutAsync($"/v1/admin/users/{userId}/custom-data", new StringContent(customData, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);

        var login = await gateway.JsonOf(await RealmLogIn(email, password), HttpStatusCode.OK);
        var refreshed = await gateway.JsonOf(await Send(HttpMethod.Post, "/api/client/v2.0/auth/session", login.GetProperty("refresh_token").GetString()!), HttpStatusCode.OK);
        var v1 = await V1LogIn(email, password);
        var tokens = new[]
        {
            login.GetProperty("access_token").GetString()!, login.GetProperty("refresh_token").GetString()!,
            refreshed.GetProperty("access_token").GetString()!, v1.GetProperty("accessToken").GetString()!,
            v1.GetProperty("refreshToken").GetString()!,
        };
        Assert.All(tokens, token => Assert.True(token.Length < MaxTokenLength, $"a token of {token.Length} characters"));

        var realmProfile = await gateway.JsonOf(await Send(HttpMethod.Get, "/api/client/v2.0/auth/profile", tokens[2]), HttpStatusCode.OK);
        Assert.Equal(userId, realmProfile.GetProperty("user_id").GetString());
        var profile = await gateway.JsonOf(await Send(HttpMethod.Get, "/v1/auth/profile", tokens[2]), HttpStatusCode.OK);
        Assert.Equal(emoji, profile.GetProperty("customData").GetProperty("e").GetString());
    }

    private Task<HttpResponseMessage> RealmLogIn(string email, string password) =>
        _http.PostAsJsonAsync($"{App}/auth/providers/local-userpass/login", new { username = email, password });

    private async Task<System.Text.Json.JsonElement> V1LogIn(string email, string password)
    {
        var device = await gateway.JsonOf(await _http.PostAsJsonAsync("/v1/devices", new { name = "token size" }), HttpStatusCode.Created);
        var deviceToken = device.GetProperty("deviceToken").GetString()!;
        gateway.NoteSecret(deviceToken);
        Assert.True(deviceToken.Length < MaxTokenLength);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/devices/{device.GetProperty("deviceId").GetString()}/login")
        {
            Content = JsonContent.Create(new { provider = "local-userpass", email, password }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", deviceToken);
        var login = await gateway.JsonOf(await _http.SendAsync(request), HttpStatusCode.OK);
        gateway.NoteSecret(login.GetProperty("refreshToken").GetString()!);
        gateway.NoteSecret(login.GetProperty("accessToken").GetString()!);
        return login;
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string bearer)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await _http.SendAsync(request);
    }
}
