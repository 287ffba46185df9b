using System.Text.Json;

namespace OrleansSessions.TestSupport;

/// <summary>
/// Notes, on its way through, every secret a test's client sends or receives: bearer credentials, the passwords,
/// tokens and API keys of JSON request bodies, and the tokens and API keys of JSON responses. The gateway must never
/// log any of them.
/// </summary>
public sealed class SecretRecorder(GatewayHost gateway) : DelegatingHandler
{
    /// <summary>Shorter strings (a test's "x", "garbage") are not secrets and would match log lines by chance.</summary>
    public const int MinimumSecretLength = 8;

    private static readonly HashSet<string> SentSecrets = ["password", "currentPassword", "newPassword", "token", "key"];
    private static readonly HashSet<string> ReceivedSecrets = ["accessToken", "refreshToken", "deviceToken", "key"];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization?.Parameter is { } credential)
        {
            gateway.NoteSecret(credential);
        }
        else if (request.Headers.TryGetValues("Authorization", out var raw))
        {
            foreach (var value in raw)
            {
                gateway.NoteSecret(value[(value.IndexOf(' ') + 1)..]);
            }
        }

        // A body of unknown length stays unread, so that it is still sent without one.
        if (request.Content is { Headers.ContentLength: <= 64 * 1024 } content && IsJson(content))
        {
            Note(await content.ReadAsStringAsync(cancellationToken), SentSecrets);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (IsJson(response.Content))
        {
            Note(await response.Content.ReadAsStringAsync(cancellationToken), ReceivedSecrets);
        }

        return response;
    }

    private static bool IsJson(HttpContent content) => content.Headers.ContentType?.MediaType == "application/json";

    private void Note(string json, HashSet<string> names)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            Note(document.RootElement, names);
        }
        catch (Exception broken) when (broken is JsonException or InvalidOperationException)
        {
            // The bad-input tests send broken JSON (or JSON that is not Unicode text) on purpose.
        }
    }

    private void Note(JsonElement json, HashSet<string> names)
    {
        if (json.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in json.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String && names.Contains(property.Name))
                {
                    gateway.NoteSecret(property.Value.GetString()!);
                }
                else
                {
                    Note(property.Value, names);
                }
            }
        }
        else if (json.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in json.EnumerateArray())
            {
                Note(item, names);
            }
        }
    }
}
