using System.Net;
using OrleansSessions.Gateway.Startup;

namespace OrleansSessions.Browser.Tests;

/// <summary>
/// How the gateway serves its pages (the account switcher, the admin console): their files, the redirect, the
/// Content-Security-Policy.
/// </summary>
[Collection(PageGatewayCollection.Name)]
public sealed class PageServingTests(PageGateway gateway)
{
    [Theory]
    [InlineData("/app/", "app.js")]
    [InlineData("/admin/", "admin.js")]
    public async Task Each_page_is_served_with_a_strict_content_security_policy(string path, string script)
    {
        using var client = gateway.NewClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(WebPages.ContentSecurityPolicy, policy);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<script type=\"module\" src=\"{script}\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/app/app.js", "text/javascript")]
    [InlineData("/app/app.css", "text/css")]
    [InlineData("/app/icon.svg", "image/svg+xml")]
    [InlineData("/admin/admin.js", "text/javascript")]
    [InlineData("/admin/admin.css", "text/css")]
    public async Task The_page_s_files_are_served_with_the_policy(string path, string mediaType)
    {
        using var client = gateway.NewClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Theory]
    [InlineData("/app")]
    [InlineData("/admin")]
    public async Task A_page_without_the_slash_redirects_to_it(string path)
    {
        using var client = gateway.NewClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(path + "/", response.Headers.Location?.OriginalString);
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
