using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OrleansSessions.TestSupport.Providers;

/// <summary>
/// Facebook's Graph API as the service uses it: <c>debug_token</c> (with the app token) and <c>/me</c> (with
/// <c>appsecret_proof</c>, refused without the right one), for the user tokens a test makes with <see cref="NewToken"/>;
/// and its redirect login: the dialog (which signs in, without a form, the user named by the test-only
/// <c>login_hint</c>, or refuses with <c>deny=1</c>) and <c>oauth/access_token</c>, which redeems a code once, with the
/// app secret and the same <c>redirect_uri</c>.
/// </summary>
public sealed class FakeGraphApi : StandInServer
{
    public const string AppId = "1234567890";
    public const string AppSecret = "facebook-app-secret-5f0c2d7e9a41";

    private readonly ConcurrentDictionary<string, (string UserId, string AppId, string Type)> _tokens = new();
    private readonly ConcurrentDictionary<string, (string UserId, string RedirectUri)> _codes = new();

    public string GraphApiBaseUrl => $"{BaseUrl}/v21.0";

    public string DialogUrl => $"{BaseUrl}/v21.0/dialog/oauth";

    /// <summary>How many codes were redeemed.</summary>
    public int RedeemedCodes { get; private set; }

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
        app.MapGet("/v21.0/dialog/oauth", (string? client_id, string? redirect_uri, string? state, string? login_hint, string? deny) =>
        {
            if (client_id != AppId || redirect_uri is null || login_hint is null)
            {
                return Results.BadRequest("unknown app, no redirect_uri or no login_hint");
            }

            var code = $"AQD{Guid.NewGuid():N}";
            _codes[code] = (login_hint, redirect_uri);
            var answer = deny is null ? $"code={code}" : "error=access_denied&error_reason=user_denied";
            return Results.Redirect($"{redirect_uri}?{answer}&state={Uri.EscapeDataString(state ?? "")}");
        });
        app.MapPost("/v21.0/oauth/access_token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["client_id"] != AppId || form["client_secret"] != AppSecret
                || !_codes.TryRemove(form["code"].ToString(), out var issued) || issued.RedirectUri != form["redirect_uri"])
            {
                return Results.Json(new { error = new { message = "Invalid verification code format.", code = 100 } }, statusCode: 400);
            }

            RedeemedCodes++;
            return Results.Json(new { access_token = NewToken(issued.UserId), token_type = "bearer", expires_in = 5183944 });
        });
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
