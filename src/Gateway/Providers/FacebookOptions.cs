namespace OrleansSessions.Gateway.Providers;

/// <summary><c>Sessions:Providers:Facebook</c>: on once <c>AppId</c> is set.</summary>
public sealed class FacebookOptions
{
    public string? AppId { get; set; }

    public string? AppSecret { get; set; }

    public string GraphApiBaseUrl { get; set; } = "https://graph.facebook.com/v21.0";

    /// <summary>The login dialog a redirect login sends the user to.</summary>
    public string DialogUrl { get; set; } = "https://www.facebook.com/v21.0/dialog/oauth";

    /// <summary>The app pages a redirect login may return to (exactly); none turns the redirect flow off.</summary>
    public List<string> RedirectUris { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(AppId);

    public IEnumerable<(string Key, string Message)> Problems()
    {
        if (!Enabled)
        {
            return [];
        }

        return string.IsNullOrWhiteSpace(AppSecret)
            ? [(nameof(AppSecret), "is required")]
            : ProvidersOptions.AddressProblem(nameof(GraphApiBaseUrl), GraphApiBaseUrl)
                .Concat(ProvidersOptions.AddressProblem(nameof(DialogUrl), DialogUrl))
                .Concat(RedirectSettings.Problems(RedirectUris, hasSecret: true, nameof(AppSecret)));
    }
}
