using System.Net;
using OrleansSessions.Gateway.Startup;

namespace OrleansSessions.Browser.Tests;

/// <summary>How the gateway serves the account-switcher page: its files, the redirect, the Content-Security-Policy.</summary>
[Collection(PageGatewayCollection.Name)]
public sealed class PageServingTests(PageGateway gateway)
{
    [Fact]
    public async Task The_page_is_served_at_app_with_a_strict_content_security_policy()
    {
        using var client = gateway.NewClient();

        using var response = await client.GetAsync("/app/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(AccountSwitcherPage.ContentSecurityPolicy, policy);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"app.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/app/app.js", "text/javascript")]
    [InlineData("/app/app.css", "text/css")]
    [InlineData("/app/icon.svg", "image/svg+xml")]
    public async Task The_page_s_files_are_served_with_the_policy(string path, string mediaType)
    {
        using var client = gateway.NewClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task App_without_the_slash_redirects_to_the_page()
    {
        using var client = gateway.NewClient();

        using var response = await client.GetAsync("/app");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/app/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_policy_is_the_page_s_only_not_the_api_s()
    {
        using var client = gateway.NewClient();

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }
}
