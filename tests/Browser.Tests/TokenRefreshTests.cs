using OrleansSessions.TestSupport;
using Xunit.Abstractions;

namespace OrleansSessions.Browser.Tests;

/// <summary>
/// The account-switcher page refreshes an expired access token with the user's refresh token, in headless Chromium
/// (browser/token-refresh.mjs), against a gateway whose access tokens live one second.
/// </summary>
[Collection(ShortTokenPageGatewayCollection.Name)]
public sealed class TokenRefreshTests(ShortTokenPageGateway gateway, BrowserScripts scripts, ITestOutputHelper output)
    : IClassFixture<BrowserScripts>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_page_refreshes_an_expired_access_token_and_goes_on()
    {
        var (exitCode, log) = await scripts.RunAsync(
            "token-refresh.mjs", [gateway.BaseAddress.ToString(), Path.Combine(RepositoryRoot.Path, ".local", "browser")], Timeout);
        output.WriteLine(log);

        Assert.True(exitCode == 0, $"token-refresh.mjs exited with {exitCode}:\n{log}");
    }
}
