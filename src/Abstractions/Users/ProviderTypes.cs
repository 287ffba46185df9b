namespace OrleansSessions.Abstractions.Users;

/// <summary>The identity providers a credential may name.</summary>
public static class ProviderTypes
{
    public const string LocalUserPass = "local-userpass";
    public const string Anonymous = "anon-user";
    public const string CustomToken = "custom-token";
    public const string Google = "oauth2-google";
    public const string Apple = "oauth2-apple";
    public const string Facebook = "oauth2-facebook";
    public const string CustomFunction = "custom-function";
    public const string Oidc = "oidc";
}
