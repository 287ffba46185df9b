namespace OrleansSessions.Abstractions.UserDirectory;

/// <summary>The kinds of user ADMIN.md lists: people (<c>normal</c>) and the users of server API keys (<c>server</c>).</summary>
public static class UserTypes
{
    public const string Normal = "normal";
    public const string Server = "server";

    public static bool IsKnown(string type) => type is Normal or Server;
}
