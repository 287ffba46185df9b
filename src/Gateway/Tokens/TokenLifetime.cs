using Microsoft.IdentityModel.JsonWebTokens;

namespace OrleansSessions.Gateway.Tokens;

/// <summary>
/// Whether an outside issuer's token is within its lifetime, on this service's clock, with the clock leeway. A token
/// without <c>nbf</c> (most ID tokens) is valid from the start.
/// </summary>
public static class TokenLifetime
{
    public static bool Holds(JsonWebToken jwt, TimeProvider time, TimeSpan leeway)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return jwt.ValidTo + leeway > now && (jwt.ValidFrom == DateTime.MinValue || jwt.ValidFrom - leeway <= now);
    }
}
