using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Providers;

/// <summary>
/// <c>custom-function</c>: the app's own webhook decides. The service posts <c>{type, payload, requestId}</c> signed
/// with HMAC-SHA256 over <c>"{timestamp}.{body}"</c>; a 200 with an <c>id</c> names the identity, a 401 or 403 refuses
/// (its <c>error</c> in the detail), anything else is <c>unavailable</c> (PROVIDERS.md, "The custom-function webhook").
/// </summary>
public sealed partial class CustomFunctionProvider(
    IHttpClientFactory http, IOptions<ProvidersOptions> options, TimeProvider time, ILogger<CustomFunctionProvider> logger)
    : IIdentityProvider
{
    public const int MaxBytes = 16 * 1024;
    private const int MaxIdLength = 256;
    private const int MaxErrorLength = 200;

    private CustomFunctionOptions Options => options.Value.CustomFunction;

    public string Name => ProviderTypes.CustomFunction;

    public bool Enabled => Options.Enabled;

    public async Task<ExternalLogin> AuthenticateAsync(Credentials credentials, bool link, CancellationToken cancellationToken)
    {
        IdentityProviders.RequireOnly(credentials, "payload");
        Require.That(credentials.Payload is { ValueKind: JsonValueKind.Object }, "'payload' must be a JSON object.");
        var payload = ExtendedJson.WithPlainNumbers(JsonNode.Parse(credentials.Payload.Value.GetRawText())!);
        var body = new JsonObject { ["type"] = link ? "link" : "login", ["payload"] = payload, ["requestId"] = Ids.New() }.ToJsonString();
        Require.That(Encoding.UTF8.GetByteCount(payload.ToJsonString()) <= MaxBytes, $"'payload' must be at most {MaxBytes / 1024} KiB.");

        var (status, answer) = await OutsideParty.CallAsync(Name, logger, () => PostAsync(body, cancellationToken));
        return status switch
        {
            HttpStatusCode.OK => LoginOf(answer),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => throw Refused(answer),
            _ => throw OutsideParty.Unusable(Name, logger, $"the webhook answered {(int)status}"),
        };
    }

    private async Task<(HttpStatusCode Status, JsonNode? Answer)> PostAsync(string body, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Options.Secret!), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        using var request = new HttpRequestMessage(HttpMethod.Post, Options.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
            Headers = { { "X-Sessions-Timestamp", timestamp }, { "X-Sessions-Signature", $"sha256={Convert.ToHexStringLower(signature)}" } },
        };
        using var response = await http.CreateClient(Name).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var text = await ReadCappedAsync(response.Content, cancellationToken);
        var readable = response.StatusCode is HttpStatusCode.OK || text.Length > 0 && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
        return (response.StatusCode, readable ? JsonNode.Parse(text) : null);
    }

    /// <summary>The answer's text, unless it is over 16 KiB.</summary>
    private static async Task<string> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxBytes + 1];
        var read = 0;
        for (int n; read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0;)
        {
            read += n;
        }

        return read > MaxBytes ? throw new IOException("the answer is over 16 KiB") : Encoding.UTF8.GetString(buffer, 0, read);
    }

    private ExternalLogin LoginOf(JsonNode? answer)
    {
        if (answer is not JsonObject json || StringOf(json, "id") is not { Length: > 0 and <= MaxIdLength } id)
        {
            throw OutsideParty.Unusable(Name, logger, "the webhook's answer has no usable id");
        }

        var metadata = new UserMetadata(StringOf(json, "name"), StringOf(json, "email"), null, null, null);
        return new ExternalLogin(new UserIdentity(Name, id), "{}", metadata);
    }

    private SessionsException Refused(JsonNode? answer)
    {
        LogRefused();
        var error = answer is JsonObject json ? StringOf(json, "error") : null;
        error = error is null ? "the function refused the credentials" : error[..Math.Min(error.Length, MaxErrorLength)];
        return new SessionsException(ErrorCodes.InvalidCredentials, $"error executing auth function: {error}");
    }

    private static string? StringOf(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    [LoggerMessage(1, LogLevel.Information, "The custom function refused a login")]
    private partial void LogRefused();
}
