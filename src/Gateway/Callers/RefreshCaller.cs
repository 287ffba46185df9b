using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Limits;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Callers;

/// <summary>
/// A request made with a refresh token (<c>/v1/auth/session</c>, the Realm session and API-key routes). A token
/// without this cluster's MAC for its user is refused here, before its user grain is asked, and counted against its
/// address (<see cref="FailedAuthentications"/>).
/// </summary>
public sealed record RefreshCaller(RefreshToken Token)
{
    public IUserGrain User(IGrainFactory grains) => grains.GetGrain<IUserGrain>(Token.UserId);

    public static async ValueTask<RefreshCaller?> BindAsync(HttpContext context)
    {
        var failures = context.RequestServices.GetRequiredService<FailedAuthentications>();
        failures.ThrowIfExhausted(context);
        var seal = await context.RequestServices.GetRequiredService<SigningKeyRing>().SealAsync();
        return RefreshToken.TryParse(BearerToken.From(context), out var token) && token.IsSealed(seal)
            ? new RefreshCaller(token)
            : throw failures.Failed(context, new SessionsException(ErrorCodes.InvalidSession, "A valid refresh token is required."));
    }
}
