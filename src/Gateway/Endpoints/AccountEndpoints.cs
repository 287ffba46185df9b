using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Identities;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Gateway.Contracts;
using OrleansSessions.Gateway.Email;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Endpoints;

/// <summary>The email/password provider's account routes: register and confirm.</summary>
public static class AccountEndpoints
{
    public const int MinPasswordLength = 6;
    public const int MaxPasswordLength = 128;

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var provider = app.MapGroup("/v1/auth/providers/local-userpass").WithTags("Accounts");
        provider.MapPost("/register", Register).WithSummary("Registers an email/password account.");
        provider.MapPost("/confirm", Confirm).WithSummary("Confirms a pending account with the token sent to it.");
        return app;
    }

    private static async Task<Created<RegisterResponse>> Register(
        RegisterRequest? body, IGrainFactory grains, IOptions<SessionsOptions> options, IEmailSender email)
    {
        Require.Body(body);
        if (!EmailAddress.IsValid(body.Email))
        {
            throw new SessionsException(ErrorCodes.InvalidEmail, "'email' is not a valid email address.");
        }

        if (body.Password is not { Length: >= MinPasswordLength and <= MaxPasswordLength })
        {
            throw new SessionsException(
                ErrorCodes.InvalidPassword, $"'password' must be {MinPasswordLength} to {MaxPasswordLength} characters.");
        }

        var address = EmailAddress.Normalize(body.Email!);
        var secret = options.Value.RequireEmailConfirmation ? Ids.NewSecret() : null;
        var userId = await grains.GetGrain<IIdentityGrain>(address)
            .Register(new Secret(body.Password), secret is null ? null : TokenHash.Of(secret));
        if (secret is not null)
        {
            await email.SendConfirmationAsync(address, new ConfirmationToken(userId, secret));
        }

        var status = secret is null ? UserStatus.Confirmed : UserStatus.Pending;
        return TypedResults.Created((string?)null, new RegisterResponse(userId, status));
    }

    private static async Task<NoContent> Confirm(TokenRequest? body, IGrainFactory grains)
    {
        if (!ConfirmationToken.TryParse(Require.Body(body).Token, out var token))
        {
            throw new SessionsException(ErrorCodes.InvalidToken, "The confirmation token is not valid.");
        }

        await grains.GetGrain<IUserGrain>(token.UserId).ConfirmWithToken(token.Hash);
        return TypedResults.NoContent();
    }
}
