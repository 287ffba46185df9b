using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansSessions.TestSupport;

namespace OrleansSessions.Realm.Tests;

/// <summary>The local-userpass account routes of the Realm API (confirm, confirm/send, reset/send, reset) over raw HTTP.</summary>
[Collection(ConfirmingRealmGatewayCollection.Name)]
public sealed class RealmAccountTests(ConfirmingRealmGateway gateway)
{
    private const string UserPass = $"/api/client/v2.0/app/{RealmGateway.AppId}/auth/providers/local-userpass";

    [Fact]
    public async Task A_pending_user_confirms_then_resets_its_password()
    {
        using var http = gateway.NewHttpClient();
        var email = $"realm-{Guid.NewGuid():N}@example.com";
        var password = $"pw-{Guid.NewGuid():N}";
        var newPassword = $"pw-{Guid.NewGuid():N}";
        gateway.NoteSecret(password);
        gateway.NoteSecret(newPassword);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync($"{UserPass}/register", new { email, password })).StatusCode);
        Assert.Equal("AuthError", await ErrorCodeOf(await LogIn(http, email, password), HttpStatusCode.Unauthorized));

        Assert.True((await http.PostAsJsonAsync($"{UserPass}/confirm/send", new { email })).IsSuccessStatusCode);
        var confirmation = Mailbox.LinkIn(await gateway.Emails.WaitForAsync(email, Mailbox.ConfirmationUrl, nth: 2));
        var confirm = await http.PostAsJsonAsync($"{UserPass}/confirm", new { token = confirmation["token"], tokenId = confirmation["tokenId"] });
        Assert.True(confirm.IsSuccessStatusCode, $"confirm: {confirm.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, (await LogIn(http, email, password)).StatusCode);

        Assert.True((await http.PostAsJsonAsync($"{UserPass}/reset/send", new { email })).IsSuccessStatusCode);
        var resetLink = Mailbox.LinkIn(await gateway.Emails.WaitForAsync(email, Mailbox.ResetUrl));
        var reset = await http.PostAsJsonAsync(
            $"{UserPass}/reset", new { token = resetLink["token"], tokenId = resetLink["tokenId"], password = newPassword });
        Assert.True(reset.IsSuccessStatusCode, $"reset: {reset.StatusCode}");
        Assert.Equal("InvalidPassword", await ErrorCodeOf(await LogIn(http, email, password), HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.OK, (await LogIn(http, email, newPassword)).StatusCode);
    }

    private async Task<HttpResponseMessage> LogIn(HttpClient http, string username, string password)
    {
        var response = await http.PostAsJsonAsync($"/api/client/v2.0/app/{RealmGateway.AppId}/auth/providers/local-userpass/login", new { username, password });
        if (response.IsSuccessStatusCode)
        {
            var tokens = await response.Content.ReadFromJsonAsync<JsonElement>();
            gateway.NoteSecret(tokens.GetProperty("access_token").GetString()!);
            gateway.NoteSecret(tokens.GetProperty("refresh_token").GetString()!);
        }

        return response;
    }

    private static async Task<string?> ErrorCodeOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetString();
    }
}
