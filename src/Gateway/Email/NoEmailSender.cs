using OrleansSessions.Abstractions.Email;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Email;

/// <summary>
/// The sender while no way to send email is configured: it says an email was due and drops it (the start-up log
/// said so too). The token is never logged.
/// </summary>
public sealed partial class NoEmailSender(ILogger<NoEmailSender> logger) : IEmailSender
{
    public Task SendConfirmationAsync(string email, AccountToken token) => Drop(EmailKind.Confirmation);

    public Task SendPasswordResetAsync(string email, AccountToken token) => Drop(EmailKind.PasswordReset);

    private Task Drop(EmailKind kind)
    {
        LogDropped(kind);
        return Task.CompletedTask;
    }

    [LoggerMessage(1, LogLevel.Warning,
        "A {Kind} email is due but dropped: set Sessions:Email:Smtp:Host or Sessions:Email:PickupDirectory to send emails")]
    private partial void LogDropped(EmailKind kind);
}
