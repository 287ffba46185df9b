using MimeKit;

namespace OrleansSessions.Gateway.Email;

/// <summary>Where a rendered email goes: an SMTP server or the pickup directory.</summary>
public interface IEmailTransport
{
    /// <summary>Says where emails go, for the start-up log.</summary>
    string Describe();

    /// <summary>Delivers the email, or throws; a <see cref="PermanentEmailFailure"/> means trying again will not help.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
