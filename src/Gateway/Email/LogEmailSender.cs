using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Email;

/// <summary>
/// The default sender: in Development it writes the email's token to the log so a developer can use it; in any
/// other environment it only says an email was due, because tokens are secrets and never belong in a log there.
/// </summary>
public sealed partial class LogEmailSender(IHostEnvironment environment, ILogger<LogEmailSender> logger) : IEmailSender
{
    public Task SendConfirmationAsync(string email, AccountToken token) => Send("confirmation", email, token);

    public Task SendPasswordResetAsync(string email, AccountToken token) => Send("password reset", email, token);

    private Task Send(string kind, string email, AccountToken token)
    {
        if (environment.IsDevelopment())
        {
            LogDevelopmentEmail(kind, email, token.ToString());
        }
        else
        {
            LogNoSender(kind);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(1, LogLevel.Information, "Development {Kind} email to {Email}: token {Token}")]
    private partial void LogDevelopmentEmail(string kind, string email, string token);

    [LoggerMessage(2, LogLevel.Warning, "A {Kind} email is due, but no email sender is configured")]
    private partial void LogNoSender(string kind);
}
