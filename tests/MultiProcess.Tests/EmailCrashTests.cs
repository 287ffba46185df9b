using System.Net;
using System.Net.Http.Json;
using OrleansSessions.TestSupport;

namespace OrleansSessions.MultiProcess.Tests;

/// <summary>
/// An email queued while SMTP is down survives a SIGKILL of the embedded gateway (its outbox is grain state in the
/// SQLite data directory) and is sent once the process is started again and the server is up.
/// </summary>
public sealed class EmailCrashTests
{
    [Fact]
    public async Task A_queued_email_survives_a_SIGKILL_and_is_sent_after_the_restart()
    {
        var data = Directory.CreateTempSubdirectory("orleans-sessions-email-crash-");
        var tokens = new List<string>();
        await using var smtp = new SmtpMailbox(tokens.Add);
        try
        {
            var email = $"crash-{Guid.NewGuid():N}@example.com";
            string output;
            await using (var first = StartGateway(data.FullName, smtp, out var firstUrl))
            {
                using var http = new HttpClient { BaseAddress = firstUrl };
                await WaitUntilReadyAsync(http, first);
                var registered = await http.PostAsJsonAsync(
                    "/v1/auth/providers/local-userpass/register", new { email, password = $"pw-{Guid.NewGuid():N}" });
                Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
                await WaitForAsync(() => first.Output.Contains("could not be sent", StringComparison.Ordinal), "a failed attempt", first);
                await first.KillAsync();
                output = first.Output;
            }

            await smtp.StartAsync();
            await using var second = StartGateway(data.FullName, smtp, out var secondUrl);
            using var client = new HttpClient { BaseAddress = secondUrl };
            await WaitUntilReadyAsync(client, second);
            var message = await smtp.WaitForAsync(email, Mailbox.ConfirmationUrl, patience: TimeSpan.FromSeconds(60));

            var confirmed = await client.PostAsJsonAsync(
                "/v1/auth/providers/local-userpass/confirm", new { token = Mailbox.LinkIn(message)["token"] });
            Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
            var token = Assert.Single(tokens);
            Assert.DoesNotContain(token, output + second.Output);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static RecordedProcess StartGateway(string dataDirectory, SmtpMailbox smtp, out Uri url)
    {
        var directory = Path.Combine(RepositoryRoot.Path, "src", "Gateway", "bin", ProcessCluster.Configuration, "net10.0");
        url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var settings = new Dictionary<string, string>
        {
            ["Embedded__DataDirectory"] = dataDirectory,
            ["Embedded__SiloPort"] = FreePort.Next().ToString(),
            ["Embedded__GatewayPort"] = FreePort.Next().ToString(),
            ["Sessions__RequireEmailConfirmation"] = "true",
            ["Sessions__Email__ConfirmationUrl"] = Mailbox.ConfirmationUrl.ToString(),
            ["Sessions__Email__ResetUrl"] = Mailbox.ResetUrl.ToString(),
            ["Sessions__Email__RetryDelay"] = "00:00:00.200",
        };
        foreach (var (key, value) in smtp.Settings)
        {
            settings[key.Replace(":", "__")] = value;
        }

        return RecordedProcess.Start(
            "dotnet", [Path.Combine(directory, "OrleansSessions.Gateway.dll"), "--urls", url.ToString()], directory, settings);
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, RecordedProcess process) =>
        await WaitForAsync(async () =>
        {
            try
            {
                return (await http.GetAsync("/health/ready")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the gateway to be ready", process);

    private static Task WaitForAsync(Func<bool> condition, string what, RecordedProcess process) =>
        WaitForAsync(() => Task.FromResult(condition()), what, process);

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, RecordedProcess process)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(90); !await condition(); await Task.Delay(100))
        {
            Assert.True(DateTime.UtcNow < deadline && !process.HasExited, $"Waited in vain for {what}:\n{process.Output}");
        }
    }
}
