using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Callers;

/// <summary>A request made with a refresh token (<c>/v1/auth/session</c>).</summary>
public sealed record RefreshCaller(RefreshToken Token)
{
    public IUserGrain User(IGrainFactory grains) => grains.GetGrain<IUserGrain>(Token.UserId);

    public static ValueTask<RefreshCaller?> BindAsync(HttpContext context) =>
        RefreshToken.TryParse(BearerToken.From(context), out var token)
            ? ValueTask.FromResult<RefreshCaller?>(new RefreshCaller(token))
            : throw new SessionsException(ErrorCodes.InvalidSession, "A valid refresh token is required.");
}
