using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace OrleansSessions.Gateway.Email;

/// <summary>
/// How account emails are sent (configuration section <c>Sessions:Email</c>): through SMTP, or written to a pickup
/// directory; with neither, none is sent. Checked at start-up.
/// </summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Sessions:Email";

    /// <summary>Where a Development gateway writes its emails when neither SMTP nor a pickup directory is set.</summary>
    public const string DevelopmentPickupDirectory = ".local/mail";

    /// <summary>The sender, an address or <c>Name &lt;address&gt;</c>.</summary>
    [Required]
    public string From { get; set; } = "OrleansSessions <no-reply@localhost>";

    /// <summary>The page a confirmation email links to, with <c>token</c> and <c>tokenId</c> added to its query.</summary>
    public Uri? ConfirmationUrl { get; set; }

    /// <summary>The page a password reset email links to, with <c>token</c> and <c>tokenId</c> added to its query.</summary>
    public Uri? ResetUrl { get; set; }

    /// <summary>
    /// When set, every email is written here as an <c>.eml</c> file instead of being sent (relative paths from the
    /// working directory).
    /// </summary>
    public string? PickupDirectory { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>How long after a failed attempt an email is tried again (doubling with each attempt, to 15 minutes).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether emails go anywhere: a pickup directory or an SMTP server is set.</summary>
    public bool CanSend => !string.IsNullOrEmpty(PickupDirectory) || !string.IsNullOrEmpty(Smtp.Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult("is not an email address", [nameof(From)]);
        }

        foreach (var (name, url) in new[] { (nameof(ConfirmationUrl), ConfirmationUrl), (nameof(ResetUrl), ResetUrl) })
        {
            if (url is null ? CanSend : !url.IsAbsoluteUri || url.Scheme is not ("https" or "http") || url.Fragment.Length > 0)
            {
                yield return new ValidationResult("must be the absolute http(s) address, without a fragment, of the page the email links to", [name]);
            }
        }

        if (RetryDelay < TimeSpan.FromMilliseconds(100) || RetryDelay > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("must be from 100 milliseconds to 1 hour", [nameof(RetryDelay)]);
        }

        var smtp = new List<ValidationResult>();
        Validator.TryValidateObject(Smtp, new ValidationContext(Smtp), smtp, validateAllProperties: true);
        foreach (var result in smtp)
        {
            yield return new ValidationResult(result.ErrorMessage, result.MemberNames.Select(member => $"{nameof(Smtp)}:{member}"));
        }
    }
}
