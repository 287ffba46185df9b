using Microsoft.IdentityModel.Tokens;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Callers;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Endpoints;

/// <summary>What other services use to trust this tier's tokens: the JWKS and introspection.</summary>
public static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/jwks.json", Jwks).WithTags("Tokens")
            .WithSummary("The public keys of every key that may have signed a live access token.");
        app.MapPost("/v1/auth/introspect", Introspect).WithTags("Tokens").RequireAuthorization(AdminKeyAuthentication.PolicyName)
            .WithSummary("Whether an access token is active: signed, unexpired, and its session live (RFC 7662).")
            .Refuses([.. RouteErrors.BadBody, ErrorCodes.InvalidAdminKey]);
        return app;
    }

    private static async Task<IResult> Jwks(SigningKeyRing keys)
    {
        var published = (await keys.AllKeysAsync()).Select(key =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(key);
            return new Dictionary<string, string>
            {
                ["kty"] = jwk.Kty,
                ["crv"] = jwk.Crv,
                ["x"] = jwk.X,
                ["y"] = jwk.Y,
                ["kid"] = key.KeyId,
                ["alg"] = SecurityAlgorithms.EcdsaSha256,
                ["use"] = "sig",
            };
        });
        return TypedResults.Json(new { keys = published });
    }

    private static async Task<IntrospectionResponse> Introspect(
        TokenRequest? body, AccessTokens tokens, IGrainFactory grains)
    {
        var token = Require.Field(Require.Body(body).Token, "token");
        try
        {
            var claims = await tokens.ValidateAsync(token);
            var live = await grains.GetGrain<IUserGrain>(claims.UserId).IsSessionLive(claims.SessionId);
            return live
                ? new IntrospectionResponse(true, claims.UserId, claims.SessionId, claims.DeviceId, claims.ExpiresAt.ToUnixTimeSeconds())
                : IntrospectionResponse.Inactive;
        }
        catch (SessionsException)
        {
            return IntrospectionResponse.Inactive;
        }
    }
}
