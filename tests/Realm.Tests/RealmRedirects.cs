using System.Net;
using System.Text;
using System.Text.Json;
using OrleansSessions.TestSupport;

namespace OrleansSessions.Realm.Tests;

/// <summary>What realm-web sends to start a redirect login, and what it reads from the app's page when it returns.</summary>
public static class RealmRedirects
{
    public const string App = $"/api/client/v2.0/app/{RealmGateway.AppId}";

    /// <summary>realm-web's start of a redirect login: its state (12 lower-case letters), the page and its base64 device.</summary>
    public static string StartPath(string provider, string state, string redirect, string? deviceId = null, bool link = false)
    {
        var device = Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["sdkVersion"] = "2.0.1", ["platform"] = "chrome", ["platformVersion"] = "130.0.0", ["deviceId"] = deviceId,
        }.Where(p => p.Value is not null).ToDictionary())));
        return link
            ? $"{App}/auth/providers/{provider}/login?link=true&state={state}&redirect={Uri.EscapeDataString(redirect)}&providerRedirectHeader=true"
            : $"{App}/auth/providers/{provider}/login?state={state}&redirect={Uri.EscapeDataString(redirect)}&device={Uri.EscapeDataString(device)}";
    }

    /// <summary>A new realm-web state.</summary>
    public static string NewState() => new([.. Enumerable.Range(0, 12).Select(_ => (char)('a' + Random.Shared.Next(26)))]);

    /// <summary>The fields of the fragment the callback redirected to (decoded as realm-web does); its tokens (not its ids) noted as secrets.</summary>
    public static Dictionary<string, string> ResultOf(GatewayHost gateway, HttpResponseMessage response, string page)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(page + "#", location);
        var fields = location[(page.Length + 1)..].Split('&').Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        if (fields.TryGetValue("_baas_ua", out var userAuth))
        {
            foreach (var token in userAuth.Split('$').Take(2))
            {
                gateway.NoteSecret(token);
            }
        }

        return fields;
    }

    /// <summary>Facebook's dialog followed as a browser would, signing in <paramref name="userId"/> (or refusing): where it returns.</summary>
    public static async Task<Uri> FacebookDialogAsync(Uri dialog, string userId, bool deny = false)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync($"{dialog}&login_hint={userId}{(deny ? "&deny=1" : "")}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }
}
