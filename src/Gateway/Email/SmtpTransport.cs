using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace OrleansSessions.Gateway.Email;

/// <summary>Sends each email through the configured SMTP server (MailKit), one connection per email.</summary>
public sealed class SmtpTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    private SmtpOptions Smtp => options.Value.Smtp;

    public string Describe() => $"through the SMTP server {Smtp.Host}:{Smtp.PortOrDefault} (TLS: {Smtp.Tls})";

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)Smtp.Timeout.TotalMilliseconds };
        var security = Smtp.Tls switch
        {
            SmtpTls.None => SecureSocketOptions.None,
            SmtpTls.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.SslOnConnect,
        };
        await client.ConnectAsync(Smtp.Host!, Smtp.PortOrDefault, security, cancellationToken);
        if (Smtp.UserName is not null)
        {
            await client.AuthenticateAsync(Smtp.UserName, Smtp.Password!, cancellationToken);
        }

        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException refused) when (refused.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted
            && (int)refused.StatusCode >= 500)
        {
            throw new PermanentEmailFailure($"the server refused it: {(int)refused.StatusCode} {refused.Message}", refused);
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
