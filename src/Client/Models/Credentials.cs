namespace OrleansSessions.Client.Models;

/// <summary>Credentials for a login or a link.</summary>
public sealed record Credentials(string Provider, string? Email = null, string? Password = null, string? Token = null)
{
    public static Credentials EmailPassword(string email, string password) => new("local-userpass", email, password);

    public static Credentials Anonymous() => new("anon-user");

    public static Credentials CustomToken(string token) => new("custom-token", Token: token);
}
