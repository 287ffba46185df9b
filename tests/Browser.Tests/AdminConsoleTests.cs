using OrleansSessions.TestSupport;
using Xunit.Abstractions;

namespace OrleansSessions.Browser.Tests;

/// <summary>
/// The admin console, end to end in headless Chromium (browser/admin-console.mjs): the seed's workflow by ADMIN.md's
/// accessible names, the details, a change followed without a reload, keyboard only, 360 px, and axe-core. The
/// screenshot goes to .local/browser; with UPDATE_SCREENSHOTS=1 it is also copied to docs/images.
/// </summary>
[Collection(ConfirmingPageGatewayCollection.Name)]
public sealed class AdminConsoleTests(ConfirmingPageGateway gateway, BrowserScripts scripts, ITestOutputHelper output)
    : IClassFixture<BrowserScripts>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static readonly string Screenshot = Path.Combine(RepositoryRoot.Path, ".local", "browser", "admin-console.png");

    private static readonly string DocsImage = Path.Combine(RepositoryRoot.Path, "docs", "images", "admin-console.png");

    [Fact]
    public async Task An_operator_confirms_disables_enables_revokes_and_deletes_users_by_keyboard_and_mouse()
    {
        var (exitCode, log) = await scripts.RunAsync(
            "admin-console.mjs", [gateway.BaseAddress.ToString(), GatewayHost.AdminKey, Screenshot], Timeout);
        output.WriteLine(log);

        Assert.True(exitCode == 0, $"admin-console.mjs exited with {exitCode}:\n{log}");
        Assert.True(File.Exists(Screenshot), $"No screenshot at {Screenshot}.");
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
        {
            File.Copy(Screenshot, DocsImage, overwrite: true);
        }
    }
}
