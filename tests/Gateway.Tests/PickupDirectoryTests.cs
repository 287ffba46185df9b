using System.Net;
using MimeKit;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>With a pickup directory set, each email is one RFC 5322 file there, and its link works.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class PickupDirectoryTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_reset_email_is_one_eml_file_whose_link_resets_the_password()
    {
        var account = await _api.Register();
        var login = await _api.LogIn(await _api.NewDevice(), account);

        Assert.Equal(HttpStatusCode.Accepted, (await _api.SendPasswordReset(account.Email)).StatusCode);
        await gateway.Emails.WaitForAsync(account.Email, Mailbox.ResetUrl);

        var pickup = (PickupMailbox)gateway.Emails;
        Assert.Empty(Directory.EnumerateFiles(pickup.Directory, "*.tmp"));
        var file = pickup.Files.Single(path => MimeMessage.Load(path).To.Mailboxes.Any(to => to.Address == account.Email));
        var message = MimeMessage.Load(file);
        Assert.Equal("no-reply@localhost", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Reset your password", message.Subject);
        Assert.NotNull(message.MessageId);
        var link = Mailbox.LinkOf(message);
        Assert.Equal("https://app.example/reset-password", link.GetLeftPart(UriPartial.Path));
        Assert.Contains(link.AbsoluteUri.Replace("&", "&amp;"), message.HtmlBody);
        var query = Mailbox.LinkIn(message);
        Assert.Equal(account.UserId, query["tokenId"]);

        var newPassword = NewPassword();
        gateway.NoteSecret(newPassword);
        await NoContent(await _api.ResetPassword(query["token"]!, newPassword));
        await Problem(await _api.Profile(login.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await _api.LogIn(await _api.NewDevice(), Password(account.Email, newPassword));
    }
}
