using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Callers;

/// <summary>
/// The admin key (<c>Authorization: Bearer</c>) as an authentication scheme, and the <see cref="PolicyName"/> that every
/// admin route requires: checked before the route binds anything, refused with 401 <c>invalid-admin-key</c>. While no
/// key is configured, every admin request is refused.
/// </summary>
public sealed class AdminKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> schemes,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    IOptions<SessionsOptions> options,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(schemes, loggers, encoder)
{
    public const string SchemeName = "AdminKey";
    public const string PolicyName = "Admin";

    /// <summary>Whether <paramref name="given"/> is the configured admin key; never when none is configured.</summary>
    public static bool IsAdminKey(string? configured, string? given) =>
        !string.IsNullOrEmpty(configured) && given is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(configured)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(IsAdminKey(options.Value.AdminApiKey, BearerToken.From(Context))
            ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(SchemeName)), SchemeName))
            : AuthenticateResult.NoResult());

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Detail = "A valid admin key is required.",
                Extensions = { ["code"] = ErrorCodes.InvalidAdminKey },
            },
        });
    }
}
