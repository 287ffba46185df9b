namespace OrleansSessions.Abstractions.ApiKeys;

/// <summary>The keys of the key-list grains: a user's id for its keys, <see cref="Server"/> for the server keys.</summary>
public static class ApiKeyLists
{
    /// <summary>The list of server keys (no user id has this shape).</summary>
    public const string Server = "server";
}
