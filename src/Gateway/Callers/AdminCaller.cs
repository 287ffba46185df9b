using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Callers;

/// <summary>A request made with the admin key. While no key is configured, every admin request is refused.</summary>
public sealed record AdminCaller
{
    private static readonly AdminCaller Admin = new();

    public static ValueTask<AdminCaller?> BindAsync(HttpContext context)
    {
        var configured = context.RequestServices.GetRequiredService<IOptions<SessionsOptions>>().Value.AdminApiKey;
        var given = BearerToken.From(context);
        return IsAdminKey(configured, given)
            ? ValueTask.FromResult<AdminCaller?>(Admin)
            : throw new SessionsException(ErrorCodes.InvalidAdminKey, "A valid admin key is required.");
    }

    /// <summary>Whether <paramref name="given"/> is the configured admin key; never when none is configured.</summary>
    public static bool IsAdminKey(string? configured, string? given) =>
        !string.IsNullOrEmpty(configured) && given is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(configured)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}
