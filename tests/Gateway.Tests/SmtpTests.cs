using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>Account emails sent through a real SMTP server, off the request path, and kept through an outage.</summary>
[Collection(SmtpGatewayCollection.Name)]
public sealed class SmtpTests(SmtpGateway gateway, ITestOutputHelper output) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_confirmation_email_arrives_by_SMTP_and_its_link_confirms_the_account()
    {
        var account = await _api.RegisterPending();

        var message = await gateway.Emails.WaitForAsync(account.Email, Mailbox.ConfirmationUrl);

        Assert.Equal("sessions@tests.example", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Sessions Tests", message.From.Mailboxes.Single().Name);
        Assert.Equal(account.Email, Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("Confirm your email address", message.Subject);
        var link = Mailbox.LinkOf(message);
        Assert.Equal("https://app.example/confirm-email", link.GetLeftPart(UriPartial.Path));
        var query = Mailbox.LinkIn(message);
        Assert.Equal("tests", query["from"]);
        Assert.Equal(account.UserId, query["tokenId"]);
        Assert.Contains($"href=\"{link.AbsoluteUri.Replace("&", "&amp;")}\"", message.HtmlBody);

        await NoContent(await _api.Confirm(query["token"]!));
        Assert.Equal(account.UserId, (await _api.LogIn(await _api.NewDevice(), account)).UserId);
    }

    [Fact]
    public async Task An_SMTP_outage_neither_fails_the_request_nor_loses_the_email()
    {
        // The outage: the server's port accepts connections but never answers, so each attempt hangs until the
        // SMTP timeout (5 s here); a request that waited for the email would take at least that long.
        await gateway.Smtp.StopAsync();
        var blackHole = new TcpListener(IPAddress.Loopback, gateway.Smtp.Port);
        blackHole.Start();
        try
        {
            var answered = Stopwatch.StartNew();
            var account = await _api.RegisterPending();
            answered.Stop();
            Assert.True(answered.Elapsed < TimeSpan.FromSeconds(5), $"registration took {answered.Elapsed}");
            Assert.Equal(HttpStatusCode.Accepted, (await _api.SendPasswordReset(NewEmail())).StatusCode);

            await WaitForFailedAttemptAsync();
            Assert.False(gateway.Emails.HasConfirmationFor(account.Email));

            blackHole.Stop();
            await gateway.Smtp.StartAsync();
            var recovered = Stopwatch.StartNew();
            var token = await gateway.Emails.ConfirmationTokenOf(account.Email);
            output.WriteLine($"registration answered in {answered.ElapsedMilliseconds} ms while SMTP hung; "
                + $"the email arrived {recovered.ElapsedMilliseconds} ms after SMTP came back");

            await NoContent(await _api.Confirm(token));
            Assert.Equal(account.UserId, (await _api.LogIn(await _api.NewDevice(), account)).UserId);
        }
        finally
        {
            blackHole.Stop();
            if (!gateway.Smtp.IsRunning)
            {
                await gateway.Smtp.StartAsync();
            }
        }
    }

    private async Task WaitForFailedAttemptAsync()
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); ; await Task.Delay(50))
        {
            if (gateway.Log.Lines.Any(line => line.Level == LogLevel.Warning && line.Text.Contains("could not be sent", StringComparison.Ordinal)))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The gateway never tried to send the email.");
        }
    }
}
