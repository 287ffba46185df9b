using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Providers;

/// <summary>
/// <c>oauth2-google</c>: a Google ID token, or an authorization code the service redeems at Google's token endpoint
/// (with the client secret) for the ID token, which is then checked like any other.
/// </summary>
public sealed partial class GoogleProvider(
    IdTokens idTokens, IHttpClientFactory http, IOptions<ProvidersOptions> options, ILogger<GoogleProvider> logger) : IIdentityProvider
{
    private GoogleOptions Options => options.Value.Google;

    public string Name => ProviderTypes.Google;

    public bool Enabled => Options.Enabled;

    public async Task<ExternalLogin> AuthenticateAsync(Credentials credentials, bool link, CancellationToken cancellationToken)
    {
        IdentityProviders.RequireOnly(credentials, "idToken", "authCode", "nonce");
        Require.That(
            credentials.IdToken is null != credentials.AuthCode is null, "Exactly one of 'idToken' and 'authCode' is required.");
        var issuer = OpenIdIssuer.Google(Options);
        var idToken = credentials.IdToken is null
            ? await RedeemAsync(issuer, Require.Field(credentials.AuthCode, "authCode"), cancellationToken)
            : Require.Field(credentials.IdToken, "idToken");
        return await idTokens.ValidateAsync(issuer, idToken, credentials.Nonce, cancellationToken);
    }

    /// <summary>The ID token a code is redeemed for; a code the endpoint refuses is <c>invalid-credentials</c>.</summary>
    private async Task<string> RedeemAsync(OpenIdIssuer issuer, string code, CancellationToken cancellationToken)
    {
        Require.That(!string.IsNullOrEmpty(Options.ClientSecret), "Google authorization codes are not enabled on this service.");
        var configuration = await idTokens.ConfigurationAsync(issuer, cancellationToken);
        var (status, answer) = await OutsideParty.CallAsync(Name, logger, async () =>
        {
            using var response = await http.CreateClient(Name).PostAsync(
                configuration.TokenEndpoint,
                new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "authorization_code",
                    ["code"] = code,
                    ["client_id"] = Options.ClientId!,
                    ["client_secret"] = Options.ClientSecret!,
                    ["redirect_uri"] = Options.AuthCodeRedirectUri,
                }),
                cancellationToken);
            return (response.StatusCode, response.IsSuccessStatusCode
                ? JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) : null);
        });
        if (status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
        {
            LogCodeRefused();
            throw new SessionsException(ErrorCodes.InvalidCredentials, "The authorization code cannot be redeemed.");
        }

        return answer?["id_token"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? answer["id_token"]!.GetValue<string>()
            : throw OutsideParty.Unusable(Name, logger, $"token endpoint answered {(int)status} without an ID token");
    }

    [LoggerMessage(1, LogLevel.Information, "A Google authorization code was refused by the token endpoint")]
    private partial void LogCodeRefused();
}
