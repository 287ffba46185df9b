using System.Text.Encodings.Web;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using MimeKit;
using OrleansSessions.Abstractions.Email;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Email;

/// <summary>
/// Renders a queued account email: a text and an HTML body around a link to the configured page, whose query
/// carries <c>token</c> (what the confirm and reset routes take) and <c>tokenId</c> (the user the token belongs to),
/// as Realm's emails did.
/// </summary>
public sealed class AccountEmails(IOptions<EmailOptions> options)
{
    public MimeMessage Render(QueuedEmail email)
    {
        var settings = options.Value;
        var (subject, page, action, intro, otherwise) = email.Kind == EmailKind.Confirmation
            ? ("Confirm your email address", settings.ConfirmationUrl!, "Confirm your email address",
                "Please confirm this email address for your new account.",
                "If you did not register, ignore this email: the account stays unconfirmed.")
            : ("Reset your password", settings.ResetUrl!, "Choose a new password",
                "Someone, hopefully you, asked to reset the password of your account.",
                "If it was not you, ignore this email: your password stays as it is.");
        var tokenId = AccountToken.TryParse(email.Token, out var token) ? token.UserId : "";
        var link = QueryHelpers.AddQueryString(page.AbsoluteUri, new Dictionary<string, string?>
        {
            ["token"] = email.Token,
            ["tokenId"] = tokenId,
        });
        var html = HtmlEncoder.Default;
        var body = new BodyBuilder
        {
            TextBody = $"{intro}\n\n{action}:\n{link}\n\nThe link works once, and only for a short while.\n{otherwise}\n",
            HtmlBody = $"<!DOCTYPE html>\n<html><body>\n<p>{html.Encode(intro)}</p>\n"
                + $"<p><a href=\"{html.Encode(link)}\">{html.Encode(action)}</a></p>\n"
                + $"<p>The link works once, and only for a short while.<br>{html.Encode(otherwise)}</p>\n</body></html>\n",
        };

        // The Message-Id is the queued email's own, so a copy sent twice (at-least-once delivery) is recognisably one.
        var message = new MimeMessage
        {
            Subject = subject,
            Date = email.QueuedAt,
            MessageId = $"{email.Id:N}@orleans-sessions",
            Body = body.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        return message;
    }
}
