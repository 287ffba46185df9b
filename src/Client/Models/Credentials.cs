namespace OrleansSessions.Client.Models;

/// <summary>Credentials for a login or a link.</summary>
public sealed record Credentials(string Provider, string? Email = null, string? Password = null, string? Token = null, string? Key = null)
{
    public static Credentials EmailPassword(string email, string password) => new("local-userpass", email, password);

    public static Credentials Anonymous() => new("anon-user");

    public static Credentials CustomToken(string token) => new("custom-token", Token: token);

    /// <summary>A user or server API key (a login only; a key cannot be linked).</summary>
    public static Credentials ApiKey(string key) => new("api-key", Key: key);
}
