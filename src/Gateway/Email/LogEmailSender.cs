using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Email;

/// <summary>
/// The default sender: in Development it writes the email's token to the log so a developer can use it; in any
/// other environment it only says an email was due, because tokens are secrets and never belong in a log there.
/// </summary>
public sealed partial class LogEmailSender(IHostEnvironment environment, ILogger<LogEmailSender> logger) : IEmailSender
{
    public Task SendConfirmationAsync(string email, ConfirmationToken token)
    {
        if (environment.IsDevelopment())
        {
            LogDevelopmentConfirmation(email, token.ToString());
        }
        else
        {
            LogNoSender();
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(1, LogLevel.Information, "Development email to {Email}: confirm with token {Token}")]
    private partial void LogDevelopmentConfirmation(string email, string token);

    [LoggerMessage(2, LogLevel.Warning, "A confirmation email is due, but no email sender is configured")]
    private partial void LogNoSender();
}
