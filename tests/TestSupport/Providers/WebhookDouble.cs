using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OrleansSessions.TestSupport.Providers;

/// <summary>
/// An app's custom-function webhook: it checks the signature (HMAC-SHA256 of <c>"{timestamp}.{body}"</c> under
/// <see cref="Secret"/>, a timestamp within 5 minutes) and answers from the payload: <c>{"user"[, "name", "email"]}</c>
/// → 200 with that id; <c>{"refuse": error}</c> → 401 with the error; <c>{"answer": "403" | "418" | "big" | "noid" |
/// "notjson" | "longid"}</c> as named.
/// </summary>
public sealed class WebhookDouble : StandInServer
{
    public const string Secret = "webhook-secret-of-the-app-7d1f0e2c9b84a6";

    /// <summary>Every body the webhook accepted, as received.</summary>
    public ConcurrentQueue<JsonElement> Received { get; } = new();

    /// <summary>How many calls came with a bad or missing signature or timestamp.</summary>
    public int BadSignatures { get; private set; }

    public string Url => $"{BaseUrl}/auth";

    protected override void Map(WebApplication app) => app.MapPost("/auth", async (HttpRequest request) =>
    {
        var body = await new StreamReader(request.Body).ReadToEndAsync();
        var timestamp = request.Headers["X-Sessions-Timestamp"].ToString();
        var expected = "sha256=" + Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
        if (!long.TryParse(timestamp, out var seconds) || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(request.Headers["X-Sessions-Signature"].ToString())))
        {
            BadSignatures++;
            return Results.StatusCode(400);
        }

        var json = JsonElement.Parse(body);
        Received.Enqueue(json);
        var payload = json.GetProperty("payload");
        if (payload.TryGetProperty("user", out var user))
        {
            return Results.Json(new
            {
                id = user.GetString(),
                name = payload.TryGetProperty("name", out var name) ? name.GetString() : null,
                email = payload.TryGetProperty("email", out var email) ? email.GetString() : null,
            });
        }

        if (payload.TryGetProperty("refuse", out var error))
        {
            return Results.Json(new { error = error.GetString() }, statusCode: 401);
        }

        return payload.GetProperty("answer").GetString() switch
        {
            "403" => Results.StatusCode(403),
            "big" => Results.Json(new { id = "big", padding = new string('x', 17 * 1024) }),
            "noid" => Results.Json(new { name = "nobody" }),
            "longid" => Results.Json(new { id = new string('i', 257) }),
            "notjson" => Results.Text("<html>hello</html>", "text/html"),
            _ => Results.StatusCode(418),
        };
    });
}
