namespace OrleansSessions.Gateway.Callers;

/// <summary>Reads the credential of a request: <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
public static class BearerToken
{
    private const string Scheme = "Bearer ";

    public static string? From(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && header.Length > Scheme.Length
            ? header[Scheme.Length..].Trim()
            : null;
    }
}
