using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Providers;

/// <summary>
/// <c>oauth2-facebook</c>: a user access token, checked with the Graph API's <c>debug_token</c> (valid, of this app,
/// of type <c>USER</c>), then the profile read from <c>/me</c> with <c>appsecret_proof</c>. The identity is the
/// app-scoped user id.
/// </summary>
public sealed partial class FacebookProvider(
    IHttpClientFactory http, IOptions<ProvidersOptions> options, ILogger<FacebookProvider> logger) : IIdentityProvider
{
    private FacebookOptions Options => options.Value.Facebook;

    public string Name => ProviderTypes.Facebook;

    public bool Enabled => Options.Enabled;

    public async Task<ExternalLogin> AuthenticateAsync(Credentials credentials, bool link, CancellationToken cancellationToken)
    {
        IdentityProviders.RequireOnly(credentials, "accessToken");
        var token = Require.Field(credentials.AccessToken, "accessToken");

        var debug = await GetAsync($"debug_token?input_token={Uri.EscapeDataString(token)}&access_token={Uri.EscapeDataString(AppToken)}", cancellationToken);
        var data = debug.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : throw Unusable("debug_token without data");
        if (!(data.TryGetProperty("is_valid", out var valid) && valid.ValueKind == JsonValueKind.True)
            || StringOf(data, "app_id") != Options.AppId || StringOf(data, "type") != "USER" || StringOf(data, "user_id") is null)
        {
            throw Refused("not a valid user token of this app");
        }

        var fields = "id,name,email,first_name,last_name,picture";
        var me = await GetAsync(
            $"me?fields={fields}&access_token={Uri.EscapeDataString(token)}&appsecret_proof={Proof(token)}", cancellationToken);
        var userId = StringOf(data, "user_id")!;
        if (StringOf(me, "id") != userId)
        {
            throw Unusable("/me names another user");
        }

        var picture = me.TryGetProperty("picture", out var p) && p.ValueKind == JsonValueKind.Object
            && p.TryGetProperty("data", out var pictureData) && pictureData.ValueKind == JsonValueKind.Object
            ? StringOf(pictureData, "url") : null;
        var metadata = new UserMetadata(
            StringOf(me, "name"), StringOf(me, "email"), picture, StringOf(me, "first_name"), StringOf(me, "last_name"));
        return new ExternalLogin(new UserIdentity(Name, userId), "{}", metadata);
    }

    /// <summary>
    /// The user access token a redirect flow's code is redeemed for: the Graph API's <c>oauth/access_token</c>, posted
    /// (the secret and the code in a body, never in a URL; a post is never retried).
    /// </summary>
    public async Task<string> RedeemCodeAsync(string code, string redirectUri, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(() => new HttpRequestMessage(HttpMethod.Post, $"{Options.GraphApiBaseUrl.TrimEnd('/')}/oauth/access_token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = Options.AppId!,
                ["client_secret"] = Options.AppSecret!,
                ["redirect_uri"] = redirectUri,
                ["code"] = code,
            }),
        }, cancellationToken);
        return StringOf(answer, "access_token") ?? throw Unusable("oauth/access_token without an access token");
    }

    private string AppToken => $"{Options.AppId}|{Options.AppSecret}";

    private string Proof(string token) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Options.AppSecret!), Encoding.UTF8.GetBytes(token)));

    /// <summary>A Graph API answer: 200 is read, an OAuth error (400, 401, 403 with an <c>error</c>) is a refused token.</summary>
    private Task<JsonElement> GetAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        CallAsync(() => new HttpRequestMessage(HttpMethod.Get, $"{Options.GraphApiBaseUrl.TrimEnd('/')}/{pathAndQuery}"), cancellationToken);

    private async Task<JsonElement> CallAsync(Func<HttpRequestMessage> newRequest, CancellationToken cancellationToken)
    {
        var (status, body) = await OutsideParty.CallAsync(Name, logger, async () =>
        {
            using var request = newRequest();
            using var response = await http.CreateClient(Name).SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return (response.StatusCode, response.IsSuccessStatusCode || IsOAuthError(response.StatusCode) ? JsonElement.Parse(text) : default);
        });
        if (IsOAuthError(status) && body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out _))
        {
            throw Refused("the Graph API refused the token or code");
        }

        return status == HttpStatusCode.OK && body.ValueKind == JsonValueKind.Object
            ? body
            : throw Unusable($"the Graph API answered {(int)status}");
    }

    private static bool IsOAuthError(HttpStatusCode status) =>
        status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    private static string? StringOf(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text : null;

    private SessionsException Refused(string reason)
    {
        LogRefused(reason);
        return new SessionsException(ErrorCodes.InvalidCredentials, "The Facebook access token is not valid.");
    }

    private SessionsException Unusable(string what) => OutsideParty.Unusable(Name, logger, what);

    [LoggerMessage(1, LogLevel.Information, "A Facebook access token was refused: {Reason}")]
    private partial void LogRefused(string reason);
}
