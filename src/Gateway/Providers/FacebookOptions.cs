namespace OrleansSessions.Gateway.Providers;

/// <summary><c>Sessions:Providers:Facebook</c>: on once <c>AppId</c> is set.</summary>
public sealed class FacebookOptions
{
    public string? AppId { get; set; }

    public string? AppSecret { get; set; }

    public string GraphApiBaseUrl { get; set; } = "https://graph.facebook.com/v21.0";

    public bool Enabled => !string.IsNullOrWhiteSpace(AppId);

    public IEnumerable<(string Key, string Message)> Problems()
    {
        if (!Enabled)
        {
            return [];
        }

        return string.IsNullOrWhiteSpace(AppSecret)
            ? [(nameof(AppSecret), "is required")]
            : ProvidersOptions.AddressProblem(nameof(GraphApiBaseUrl), GraphApiBaseUrl);
    }
}
