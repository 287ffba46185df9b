namespace OrleansSessions.Abstractions.Users;

/// <summary>The identity providers a credential may name.</summary>
public static class ProviderTypes
{
    public const string LocalUserPass = "local-userpass";
    public const string Anonymous = "anon-user";
    public const string CustomToken = "custom-token";
}
