namespace OrleansSessions.Gateway.Providers;

/// <summary>The checks of a provider's redirect (popup) settings: where a login may return to, and a secret to redeem codes.</summary>
public static class RedirectSettings
{
    public static IEnumerable<(string Key, string Message)> Problems(IReadOnlyList<string> redirectUris, bool hasSecret, string secretName)
    {
        foreach (var uri in redirectUris)
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http") || parsed.Fragment.Length > 0)
            {
                yield return ("RedirectUris", $"'{uri}' is not an http(s) URL without a fragment");
            }
        }

        if (redirectUris.Count > 0 && !hasSecret)
        {
            yield return (secretName, "is required for redirect logins (RedirectUris is set)");
        }
    }
}
