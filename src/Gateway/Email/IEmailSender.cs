using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Email;

/// <summary>Sends the account emails (see <see cref="EmailServices"/> for which sender is used).</summary>
public interface IEmailSender
{
    Task SendConfirmationAsync(string email, AccountToken token);

    Task SendPasswordResetAsync(string email, AccountToken token);
}
