using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace OrleansSessions.MultiProcess.Tests;

/// <summary>
/// HTTP to the gateway processes as through a load balancer: to the first of <paramref name="gateways"/> that
/// accepts the connection (a refused connection reached no gateway, so the next is tried at once, as nginx does).
/// <see cref="Expect"/> is a request of the load: it is recorded in the <see cref="RequestLog"/>, and anything but
/// the expected status throws. <see cref="Ask"/> is a check: it returns whatever status came back, or none when no
/// gateway answered in time.
/// </summary>
public sealed class GatewayClient(IReadOnlyList<Uri> gateways, RequestLog? log = null) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task<JsonNode> Expect(HttpStatusCode expected, HttpMethod method, string path, string? bearer = null, object? body = null)
    {
        var startedAt = log?.Now ?? TimeSpan.Zero;
        HttpResponseMessage response;
        string text;
        try
        {
            response = await Send(method, path, bearer, body);
            text = await response.Content.ReadAsStringAsync();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            log?.Record(startedAt, exception is TaskCanceledException ? "timed out" : "unanswered", $"{method} {path}: {exception.Message}");
            throw new UnexpectedAnswer($"{method} {path}: no answer ({exception.GetType().Name})", refused: false);
        }

        log?.Record(startedAt, response.StatusCode == expected ? null : $"answered {(int)response.StatusCode}", $"{method} {path}: {text}");
        if (response.StatusCode != expected)
        {
            // A 4xx contradicts what the cluster acknowledged before (every step of a journey builds on acknowledged
            // ones); a 5xx is the cluster not serving for a while.
            throw new UnexpectedAnswer(
                $"{method} {path} on {response.RequestMessage?.RequestUri?.Authority}: {(int)response.StatusCode} instead of {(int)expected}: {text}",
                refused: (int)response.StatusCode is >= 400 and < 500);
        }

        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>The status and body of a check, or a null status when no answer came or the cluster could not serve (5xx).</summary>
    public async Task<(HttpStatusCode? Status, JsonNode? Body)> Ask(HttpMethod method, string path, string? bearer = null, object? body = null)
    {
        try
        {
            using var response = await Send(method, path, bearer, body);
            if ((int)response.StatusCode >= 500)
            {
                return (null, null);
            }

            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length == 0 || !text.StartsWith('{') ? null : JsonNode.Parse(text));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return (null, null);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? bearer, object? body)
    {
        for (var i = 0; ; i++)
        {
            var request = new HttpRequestMessage(method, new Uri(gateways[i], path)) { Content = body is null ? null : JsonContent.Create(body) };
            if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }

            try
            {
                return await _http.SendAsync(request);
            }
            catch (HttpRequestException refused) when (refused.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
                && i + 1 < gateways.Count)
            {
                // No gateway listens there (it was killed): the next one.
            }
        }
    }
}
