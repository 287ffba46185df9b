using System.Web;
using MimeKit;

namespace OrleansSessions.TestSupport;

/// <summary>
/// The emails a test gateway delivered (to its pickup directory or to an SMTP server in the test process), read
/// back with MimeKit. Each link's token is noted as a secret, so a gateway that logged one fails its tests.
/// </summary>
public abstract class Mailbox(Action<string> noteSecret) : IAsyncDisposable
{
    /// <summary>The page confirmation emails link to (an existing query is kept).</summary>
    public static readonly Uri ConfirmationUrl = new("https://app.example/confirm-email?from=tests");

    public static readonly Uri ResetUrl = new("https://app.example/reset-password");

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>The gateway settings that send email here.</summary>
    public abstract IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Every email delivered so far, in the order delivered.</summary>
    public abstract IReadOnlyList<MimeMessage> Delivered { get; }

    /// <summary>The token of the <paramref name="nth"/> confirmation email to <paramref name="email"/>, once it came.</summary>
    public async Task<string> ConfirmationTokenOf(string email, int nth = 1) =>
        LinkIn(await WaitForAsync(email, ConfirmationUrl, nth))["token"]!;

    /// <summary>The token of the <paramref name="nth"/> password reset email to <paramref name="email"/>, once it came.</summary>
    public async Task<string> ResetTokenOf(string email, int nth = 1) =>
        LinkIn(await WaitForAsync(email, ResetUrl, nth))["token"]!;

    public bool HasConfirmationFor(string email) => To(email, ConfirmationUrl).Any();

    public bool HasResetFor(string email) => To(email, ResetUrl).Any();

    /// <summary>Waits for the <paramref name="nth"/> email to <paramref name="email"/> that links to <paramref name="page"/>.</summary>
    public async Task<MimeMessage> WaitForAsync(string email, Uri page, int nth = 1, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (true)
        {
            if (To(email, page).Skip(nth - 1).FirstOrDefault() is { } message)
            {
                return message;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No email number {nth} linking to {page.AbsolutePath} came to {email} within {patience ?? Patience}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The query of the one link in an email's text body, which its HTML body links to as well.</summary>
    public static System.Collections.Specialized.NameValueCollection LinkIn(MimeMessage message) =>
        HttpUtility.ParseQueryString(LinkOf(message).Query);

    public static Uri LinkOf(MimeMessage message)
    {
        var link = (message.TextBody ?? "").Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("https://", StringComparison.Ordinal));
        return new Uri(link);
    }

    public abstract ValueTask DisposeAsync();

    /// <summary>Notes the token a delivered email carries.</summary>
    protected void Received(MimeMessage message)
    {
        if (LinkIn(message)["token"] is { } token)
        {
            noteSecret(token);
        }
    }

    private IEnumerable<MimeMessage> To(string email, Uri page) => Delivered.Where(message =>
        message.To.Mailboxes.Any(to => to.Address == email)
        && LinkOf(message).GetLeftPart(UriPartial.Path) == page.GetLeftPart(UriPartial.Path));
}
