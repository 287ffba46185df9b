using OrleansSessions.TestSupport;
using Xunit.Abstractions;

namespace OrleansSessions.Browser.Tests;

/// <summary>
/// The account-switcher page, end to end in headless Chromium (browser/account-switcher.mjs): several users on one
/// browser, switch, log out, remove, and an admin's revocation shown within a second without a reload. The
/// screenshot goes to .local/browser; with UPDATE_SCREENSHOTS=1 it is also copied to docs/images (docs/clients.md shows it).
/// </summary>
[Collection(PageGatewayCollection.Name)]
public sealed class AccountSwitcherTests(PageGateway gateway, BrowserScripts scripts, ITestOutputHelper output)
    : IClassFixture<BrowserScripts>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static readonly string Screenshot = Path.Combine(RepositoryRoot.Path, ".local", "browser", "account-switcher.png");

    private static readonly string ReadmeImage = Path.Combine(RepositoryRoot.Path, "docs", "images", "account-switcher.png");

    [Fact]
    public async Task Users_log_in_switch_log_out_and_are_removed_and_a_revocation_shows_within_a_second()
    {
        var (exitCode, log) = await scripts.RunAsync(
            "account-switcher.mjs", [gateway.BaseAddress.ToString(), PageGateway.AdminKey, Screenshot], Timeout);
        output.WriteLine(log);

        Assert.True(exitCode == 0, $"account-switcher.mjs exited with {exitCode}:\n{log}");
        Assert.True(File.Exists(Screenshot), $"No screenshot at {Screenshot}.");
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
        {
            File.Copy(Screenshot, ReadmeImage, overwrite: true);
        }
    }
}
