using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Identities;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Email;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.Tokens;
using OrleansSessions.Gateway.Accounts;
using OrleansSessions.Gateway.Limits;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Endpoints;

/// <summary>The email/password provider's account routes: register, confirm, and reset a password.</summary>
public static class AccountEndpoints
{
    /// <summary>A bad token in a body is a bad request here, not an unauthenticated one (also on the Realm API's routes).</summary>
    internal static readonly StatusOfCode TokenInBodyIsBadRequest = new(ErrorCodes.InvalidToken, StatusCodes.Status400BadRequest);

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var provider = app.MapGroup("/v1/auth/providers/local-userpass").WithTags("Accounts")
            .RequireRateLimiting(RateLimits.PerAddress);
        provider.MapPost("/register", Register).WithSummary("Registers an email/password account.").ChecksPasswords()
            .Refuses([.. RouteErrors.BadBody, ErrorCodes.InvalidEmail, ErrorCodes.InvalidPassword, ErrorCodes.AccountNameInUse, ErrorCodes.RateLimited]);
        provider.MapPost("/confirm", Confirm).WithSummary("Confirms a pending account with the token sent to it.")
            .Refuses([.. RouteErrors.BadBody, ErrorCodes.RateLimited], [TokenInBodyIsBadRequest]);
        provider.MapPost("/confirm/send", SendConfirmation)
            .WithSummary("Sends a pending account a new confirmation token; 202 whether or not the account exists.")
            .Refuses([.. RouteErrors.BadBody, ErrorCodes.InvalidEmail, ErrorCodes.RateLimited]);
        provider.MapPost("/reset/send", SendPasswordReset)
            .WithSummary("Sends a password reset token; 202 whether or not the account exists.")
            .Refuses([.. RouteErrors.BadBody, ErrorCodes.InvalidEmail, ErrorCodes.RateLimited]);
        provider.MapPost("/reset", ResetPassword).ChecksPasswords()
            .WithSummary("Sets a new password with a reset token; every session of the user ends.")
            .Refuses([.. RouteErrors.BadBody, ErrorCodes.InvalidPassword, ErrorCodes.RateLimited], [TokenInBodyIsBadRequest]);
        return app;
    }

    internal static async Task<Created<RegisterResponse>> Register(
        RegisterRequest? body, IGrainFactory grains, IOptions<SessionsOptions> options, IEmailSender email)
    {
        Require.Body(body);
        var address = RequireEmail(body.Email);
        var password = Passwords.Require(body.Password);
        var confirmation = options.Value.RequireEmailConfirmation ? Ids.NewSecret() : null;
        // The new user's id is chosen here, so that a registration sent again after a silo loss is known as the same.
        var userId = await grains.GetGrain<IIdentityGrain>(address)
            .Register(Ids.New(), password, confirmation is null ? null : TokenHash.Of(confirmation));
        if (confirmation is not null)
        {
            await email.SendConfirmationAsync(address, new AccountToken(userId, confirmation));
        }

        var status = confirmation is null ? UserStatus.Confirmed : UserStatus.Pending;
        return TypedResults.Created((string?)null, new RegisterResponse(userId, status));
    }

    internal static async Task<NoContent> Confirm(TokenRequest? body, IGrainFactory grains)
    {
        var token = RequireToken(Require.Body(body).Token);
        await grains.GetGrain<IUserGrain>(token.UserId).ConfirmWithToken(token.Hash);
        return TypedResults.NoContent();
    }

    internal static Task<Accepted> SendConfirmation(EmailRequest? body, IGrainFactory grains, IEmailSender email) =>
        SendAccountEmail(body, grains, (user, hash) => user.ReissueConfirmation(hash), email.SendConfirmationAsync);

    internal static Task<Accepted> SendPasswordReset(EmailRequest? body, IGrainFactory grains, IEmailSender email) =>
        SendAccountEmail(body, grains, (user, hash) => user.StartPasswordReset(hash), email.SendPasswordResetAsync);

    /// <summary>
    /// Mails an account a new token if its user takes it; 202 either way, so the answer never tells whether an
    /// account exists.
    /// </summary>
    private static async Task<Accepted> SendAccountEmail(
        EmailRequest? body, IGrainFactory grains, Func<IUserGrain, TokenHash, Task<bool>> store, Func<string, AccountToken, Task> send)
    {
        var address = RequireEmail(Require.Body(body).Email);
        if (await grains.GetGrain<IIdentityGrain>(address).FindUser() is { } userId)
        {
            var token = AccountToken.New(userId);
            if (await store(grains.GetGrain<IUserGrain>(userId), token.Hash))
            {
                await send(address, token);
            }
        }

        return TypedResults.Accepted((string?)null);
    }

    internal static async Task<NoContent> ResetPassword(PasswordResetRequest? body, IGrainFactory grains)
    {
        Require.Body(body);
        var token = RequireToken(body.Token);
        var password = Passwords.Require(body.Password);
        await grains.GetGrain<IUserGrain>(token.UserId).ResetPassword(token.Hash, password);
        return TypedResults.NoContent();
    }

    private static string RequireEmail(string? email) => EmailAddress.IsValid(email)
        ? EmailAddress.Normalize(email!)
        : throw new SessionsException(ErrorCodes.InvalidEmail, "'email' is not a valid email address.");

    private static AccountToken RequireToken(string? value) => AccountToken.TryParse(value, out var token)
        ? token
        : throw new SessionsException(ErrorCodes.InvalidToken, "The token is not valid.");
}
