using System.Net;
using OrleansSessions.Gateway.Startup;
using OrleansSessions.TestSupport;
using Xunit.Abstractions;

namespace OrleansSessions.Browser.Tests;

/// <summary>The API reference at /docs is served under a Content-Security-Policy, and Scalar renders under it.</summary>
[Collection(PageGatewayCollection.Name)]
public sealed class ApiReferenceTests(PageGateway gateway, BrowserScripts scripts, ITestOutputHelper output)
    : IClassFixture<BrowserScripts>
{
    private static readonly string FailureScreenshot = Path.Combine(RepositoryRoot.Path, ".local", "browser", "api-reference-failure.png");

    [Fact]
    public async Task The_docs_page_carries_a_policy_with_a_fresh_nonce_per_page()
    {
        using var client = gateway.NewClient();

        var policies = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await client.GetAsync(ApiReference.Path + "/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none';", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            var nonce = policy.Split("'nonce-")[1].Split('\'')[0];
            Assert.Contains($"nonce=\"{nonce}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            policies.Add(policy);
        }

        Assert.NotEqual(policies[0], policies[1]);
    }

    [Fact]
    public async Task Scalar_renders_the_reference_without_a_policy_violation()
    {
        var (exitCode, log) = await scripts.RunAsync("api-reference.mjs", [gateway.BaseAddress.ToString(), FailureScreenshot], TimeSpan.FromMinutes(2));
        output.WriteLine(log);

        Assert.True(exitCode == 0, $"api-reference.mjs exited with {exitCode}:\n{log}");
    }
}
