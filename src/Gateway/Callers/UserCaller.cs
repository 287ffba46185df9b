using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Callers;

/// <summary>
/// A request made with an access token. The token is checked here; whether its session is live, the user grain
/// checks in the same call that does the request's work.
/// </summary>
public sealed record UserCaller(AccessTokenClaims Claims)
{
    public string UserId => Claims.UserId;

    public string SessionId => Claims.SessionId;

    public IUserGrain User(IGrainFactory grains) => grains.GetGrain<IUserGrain>(UserId);

    public static async ValueTask<UserCaller?> BindAsync(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<AccessTokens>();
        return new UserCaller(await tokens.ValidateAsync(BearerToken.From(context)));
    }
}
