using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace OrleansSessions.TestSupport.Providers;

/// <summary>
/// A real OpenID Provider on loopback (the npm package <c>oidc-provider</c>, pinned by <c>op/package-lock.json</c> and
/// installed with <c>npm ci</c> on first use): one issuer each for <see cref="Google"/>, <see cref="Apple"/>,
/// <see cref="Oidc"/>, and <see cref="Twin"/> (another issuer publishing Google's keys). ID tokens and codes come from
/// its real authorization-code flow; its test-only routes mint tokens with chosen claims and keys. Start one per test
/// collection.
/// </summary>
public sealed class OpenIdProviderStandIn : IAsyncLifetime
{
    public const string Google = "google", Apple = "apple", Oidc = "oidc", Twin = "twin";

    /// <summary>Where a client of the stand-in is sent back with its code (never called).</summary>
    public const string RedirectUri = "https://app.example.test/callback";

    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "tests", "TestSupport", "Providers", "op");

    private static readonly Lazy<Task> Installed = new(() =>
        RecordedProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Folder, TimeSpan.FromMinutes(5)));

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private RecordedProcess? _node;
    private Dictionary<string, string> _issuers = [];

    /// <summary>The client id the stand-in knows for an issuer's app; <c>foreign-client</c> is another app's.</summary>
    public static string ClientId(string issuer) => $"{issuer}-client";

    public const string ForeignClientId = "foreign-client";

    public static string ClientSecret(string clientId) => $"{clientId}-secret-0123456789abcdef";

    /// <summary>The issuer identifier (<c>iss</c>) of an issuer.</summary>
    public string Issuer(string issuer) => _issuers[issuer];

    public async Task InitializeAsync()
    {
        await Installed.Value;
        _node = RecordedProcess.Start("node", ["op.mjs", RedirectUri], Folder);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!_node.Output.Contains("ready ", StringComparison.Ordinal))
        {
            if (_node.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The OpenID Provider did not start:\n{_node.Output}");
            }

            await Task.Delay(50);
        }

        var ready = _node.Output.Split('\n').First(line => line.StartsWith("ready ", StringComparison.Ordinal));
        _issuers = JsonSerializer.Deserialize<Dictionary<string, string>>(ready["ready ".Length..])!;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    /// <summary>
    /// An authorization code for <paramref name="subject"/> through the real flow (authorization request, the test
    /// interaction that signs in the <c>login_hint</c>, consent), as a browser would follow it.
    /// </summary>
    public async Task<string> CodeAsync(string issuer, string subject, string? nonce = null, string? clientId = null)
    {
        var query = $"client_id={clientId ?? ClientId(issuer)}&redirect_uri={Uri.EscapeDataString(RedirectUri)}&response_type=code"
            + "&scope=openid%20email%20profile&state=s" + (nonce is null ? "" : $"&nonce={Uri.EscapeDataString(nonce)}");
        var back = await SignInAsync(new Uri($"{Issuer(issuer)}/auth?{query}"), subject);
        return System.Web.HttpUtility.ParseQueryString(back.Address.Query)["code"] ?? throw new InvalidOperationException($"No code: {back.Address}");
    }

    /// <summary>
    /// Follows an authorization request (<paramref name="authorizationUrl"/>, with <c>login_hint</c> added) as a browser
    /// would, signing in <paramref name="subject"/>, until the provider sends the browser elsewhere: to an address (a
    /// query response), or with a form it posts there (<c>form_post</c>).
    /// </summary>
    public static async Task<ProviderReturn> SignInAsync(Uri authorizationUrl, string subject)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var next = new Uri($"{authorizationUrl}&login_hint={Uri.EscapeDataString(subject)}");
        for (var step = 0; step < 10; step++)
        {
            using var response = await browser.GetAsync(next);
            var text = await response.Content.ReadAsStringAsync();
            if (response.Headers.Location is { } location)
            {
                next = location.IsAbsoluteUri ? location : new Uri(next, location);
                if (next.Authority != authorizationUrl.Authority)
                {
                    return new ProviderReturn(next, null);
                }
            }
            else if (Regex.Match(text, "<form method=\"post\" action=\"([^\"]+)\"") is { Success: true } form)
            {
                var fields = Regex.Matches(text, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"/>")
                    .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
                return new ProviderReturn(new Uri(WebUtility.HtmlDecode(form.Groups[1].Value)), fields);
            }
            else
            {
                throw new InvalidOperationException($"The flow stopped at {next}: {(int)response.StatusCode} {text}");
            }
        }

        throw new InvalidOperationException("The authorization flow did not end.");
    }

    /// <summary>An ID token for <paramref name="subject"/>: a code of the real flow, redeemed as the client would.</summary>
    public async Task<string> IdTokenAsync(string issuer, string subject, string? nonce = null, string? clientId = null)
    {
        clientId ??= ClientId(issuer);
        var code = await CodeAsync(issuer, subject, nonce, clientId);
        using var response = await _http.PostAsync($"{Issuer(issuer)}/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["client_id"] = clientId,
            ["client_secret"] = ClientSecret(clientId),
            ["redirect_uri"] = RedirectUri,
        }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id_token").GetString()!;
    }

    /// <summary>
    /// A token of the issuer with its defaults (<c>iss</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c> in 5 minutes) overridden by
    /// <paramref name="claims"/> (a null drops one), signed by <paramref name="key"/>: <c>own</c>, <c>published</c> (the
    /// key <see cref="PublishKeyAsync"/> added last), <c>foreign</c> (nobody's) or <c>forged</c> (nobody's, with the
    /// issuer's kid).
    /// </summary>
    public async Task<string> MintAsync(string issuer, Dictionary<string, object?> claims, string key = "own") =>
        (await PostAsync(issuer, "mint", new { claims, key })).GetProperty("token").GetString()!;

    /// <summary>Adds a new key to the issuer's JWKS; <see cref="MintAsync"/> signs with it as <c>published</c>.</summary>
    public async Task PublishKeyAsync(string issuer) => await PostAsync(issuer, "publish", new { });

    /// <summary>How many times the issuer's JWKS was read.</summary>
    public async Task<int> JwksReadsAsync(string issuer) => (await PostAsync(issuer, "jwks-reads", new { })).GetProperty("reads").GetInt32();

    /// <summary>Makes the issuer's token endpoint take Apple-style client-secret JWTs signed by this key (ES256).</summary>
    public async Task TrustClientJwtsAsync(string issuer, string teamId, string keyId, string publicKeyPem) =>
        await PostAsync(issuer, "apple-key", new { teamId, keyId, publicKeyPem });

    /// <summary>How many client-secret JWTs the issuer's token endpoint verified.</summary>
    public async Task<int> ClientJwtsAsync(string issuer) => (await PostAsync(issuer, "client-jwts", new { })).GetProperty("verified").GetInt32();

    /// <summary>Makes the token endpoint answer 500, slowly, with a redirect or with malformed JSON; null restores it.</summary>
    public async Task SetTokenFaultAsync(string issuer, string? mode) => await PostAsync(issuer, "token-fault", new { mode });

    private async Task<JsonElement> PostAsync(string issuer, string route, object body)
    {
        using var response = await _http.PostAsJsonAsync($"{Issuer(issuer)}/test/{route}", body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

/// <summary>Where a provider sent the browser back to, and the form it posts there (<c>form_post</c>) if any.</summary>
public sealed record ProviderReturn(Uri Address, IReadOnlyDictionary<string, string>? Form);
