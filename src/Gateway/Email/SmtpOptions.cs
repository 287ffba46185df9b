using System.ComponentModel.DataAnnotations;

namespace OrleansSessions.Gateway.Email;

/// <summary>The SMTP server emails are sent through (configuration section <c>Sessions:Email:Smtp</c>).</summary>
public sealed class SmtpOptions : IValidatableObject
{
    /// <summary>The server's host name; while unset (and no pickup directory is set), no email is sent.</summary>
    public string? Host { get; set; }

    /// <summary>The server's port; when unset, 25, 587 or 465 after <see cref="Tls"/>.</summary>
    [Range(1, 65535)]
    public int? Port { get; set; }

    public SmtpTls Tls { get; set; } = SmtpTls.StartTls;

    /// <summary>The account to authenticate as; no authentication while unset.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>How long one connect, command or send may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public int PortOrDefault => Port ?? Tls switch
    {
        SmtpTls.None => 25,
        SmtpTls.StartTls => 587,
        _ => 465,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Host is not null && Uri.CheckHostName(Host) == UriHostNameType.Unknown)
        {
            yield return new ValidationResult("is not a host name or address", [nameof(Host)]);
        }

        if (UserName is null != Password is null)
        {
            yield return new ValidationResult("a user name and a password go together", [nameof(UserName), nameof(Password)]);
        }

        if (Timeout < TimeSpan.FromSeconds(1) || Timeout > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("must be from 1 second to 5 minutes", [nameof(Timeout)]);
        }
    }
}
