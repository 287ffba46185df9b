using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansSessions.Abstractions;

namespace OrleansSessions.Gateway.Providers;

/// <summary>
/// An OpenID Provider's token endpoint (from its discovery document): an authorization code redeemed, with the client's
/// secret, for the ID token. A code the endpoint refuses (400, 401) is <c>invalid-credentials</c>; any other failure is
/// <c>unavailable</c>. The code is posted once, never retried.
/// </summary>
public sealed partial class TokenEndpoint(IdTokens idTokens, IHttpClientFactory http, ILogger<TokenEndpoint> logger)
{
    public async Task<string> RedeemAsync(
        OpenIdIssuer issuer, string code, string clientId, string clientSecret, string redirectUri, string? codeVerifier,
        CancellationToken cancellationToken)
    {
        var configuration = await idTokens.ConfigurationAsync(issuer, cancellationToken);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["redirect_uri"] = redirectUri,
        };
        if (codeVerifier is not null)
        {
            form["code_verifier"] = codeVerifier;
        }

        var party = issuer.ProviderType;
        var (status, answer) = await OutsideParty.CallAsync(party, logger, async () =>
        {
            using var response = await http.CreateClient(party).PostAsync(
                configuration.TokenEndpoint, new FormUrlEncodedContent(form), cancellationToken);
            return (response.StatusCode, response.IsSuccessStatusCode
                ? JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) : null);
        });
        if (status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
        {
            LogCodeRefused(party);
            throw new SessionsException(ErrorCodes.InvalidCredentials, "The authorization code cannot be redeemed.");
        }

        return answer?["id_token"]?.GetValueKind() == JsonValueKind.String
            ? answer["id_token"]!.GetValue<string>()
            : throw OutsideParty.Unusable(party, logger, $"token endpoint answered {(int)status} without an ID token");
    }

    [LoggerMessage(1, LogLevel.Information, "An authorization code of {Party} was refused by the token endpoint")]
    private partial void LogCodeRefused(string party);
}
