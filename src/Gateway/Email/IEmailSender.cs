using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Email;

/// <summary>Sends the account emails. Replace the default with a real mail service in production.</summary>
public interface IEmailSender
{
    Task SendConfirmationAsync(string email, AccountToken token);

    Task SendPasswordResetAsync(string email, AccountToken token);
}
