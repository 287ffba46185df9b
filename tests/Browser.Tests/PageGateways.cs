using OrleansSessions.TestSupport;

namespace OrleansSessions.Browser.Tests;

/// <summary>
/// The real gateway on Kestrel, as a browser reaches it: the page and the API from one origin. Every default of
/// API.md, with an admin key; it fails its collection if it logs an error or a secret, as every test gateway does.
/// </summary>
public sealed class PageGateway : GatewayHost
{
    /// <summary>A client that does not follow redirects, to see them.</summary>
    public HttpClient NewClient() => NewHttpClient(followRedirects: false);
}

/// <summary>Access tokens that live one second, with no clock leeway, so the page must refresh them.</summary>
public sealed class ShortTokenPageGateway : GatewayHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:AccessTokenLifetime"] = "00:00:01",
        ["Sessions:ClockLeeway"] = "00:00:00",
    };
}

/// <summary>New users wait for email confirmation, so the admin console has pending users to confirm.</summary>
public sealed class ConfirmingPageGateway : GatewayHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:RequireEmailConfirmation"] = "true",
    };
}

[CollectionDefinition(Name)]
public sealed class ConfirmingPageGatewayCollection : ICollectionFixture<ConfirmingPageGateway>
{
    public const string Name = "confirming page gateway";
}

[CollectionDefinition(Name)]
public sealed class PageGatewayCollection : ICollectionFixture<PageGateway>
{
    public const string Name = "page gateway";
}

[CollectionDefinition(Name)]
public sealed class ShortTokenPageGatewayCollection : ICollectionFixture<ShortTokenPageGateway>
{
    public const string Name = "short-token page gateway";
}
