using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OrleansSessions.TestSupport.Providers;

/// <summary>
/// Facebook's Graph API as the service uses it: <c>debug_token</c> (with the app token) and <c>/me</c> (with
/// <c>appsecret_proof</c>, refused without the right one), for the user tokens a test makes with <see cref="NewToken"/>.
/// </summary>
public sealed class FakeGraphApi : StandInServer
{
    public const string AppId = "1234567890";
    public const string AppSecret = "facebook-app-secret-5f0c2d7e9a41";

    private readonly ConcurrentDictionary<string, (string UserId, string AppId, string Type)> _tokens = new();

    public string GraphApiBaseUrl => $"{BaseUrl}/v21.0";

    /// <summary>How many <c>/me</c> calls came with a wrong or no <c>appsecret_proof</c>.</summary>
    public int BadProofs { get; private set; }

    /// <summary>A user access token of <paramref name="userId"/>, for this app unless told otherwise.</summary>
    public string NewToken(string userId, string appId = AppId, string type = "USER")
    {
        var token = $"EAAG{Guid.NewGuid():N}{Guid.NewGuid():N}";
        _tokens[token] = (userId, appId, type);
        return token;
    }

    protected override void Map(WebApplication app)
    {
        app.MapGet("/v21.0/debug_token", (string? input_token, string? access_token) =>
        {
            if (access_token != $"{AppId}|{AppSecret}")
            {
                return Results.Json(new { error = new { message = "Invalid OAuth access token.", code = 190 } }, statusCode: 400);
            }

            return input_token is not null && _tokens.TryGetValue(input_token, out var known)
                ? Results.Json(new { data = new { app_id = known.AppId, type = known.Type, is_valid = true, user_id = known.UserId } })
                : Results.Json(new { data = new { is_valid = false, error = new { code = 190, message = "Invalid OAuth access token." } } });
        });
        app.MapGet("/v21.0/me", (string? access_token, string? appsecret_proof) =>
        {
            var proof = access_token is null ? null
                : Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AppSecret), Encoding.UTF8.GetBytes(access_token)));
            if (proof is null || appsecret_proof != proof)
            {
                BadProofs++;
                return Results.Json(new { error = new { message = "Invalid appsecret_proof", code = 100 } }, statusCode: 400);
            }

            if (!_tokens.TryGetValue(access_token!, out var known))
            {
                return Results.Json(new { error = new { message = "Invalid OAuth access token.", code = 190 } }, statusCode: 400);
            }

            return Results.Json(new
            {
                id = known.UserId,
                name = $"{known.UserId} Facebook",
                email = $"{known.UserId}@facebook.example",
                first_name = known.UserId,
                last_name = "Facebook",
                picture = new { data = new { url = $"https://pictures.example/fb/{known.UserId}.jpg" } },
            });
        });
    }
}
