using OrleansSessions.Abstractions;

namespace OrleansSessions.Hosting.UserDirectory;

/// <summary>How the grain stores name a user grain's state: state <c>user</c> of grain <c>user/{userId}</c>.</summary>
internal static class UserGrainKeys
{
    public const string StateName = "user";
    public const string GrainIdPrefix = "user/";

    /// <summary>The user id at the end of a stored key, if it ends in one.</summary>
    public static string? UserIdAtEnd(string key) =>
        key.Length >= 24 && Ids.IsWellFormed(key[^24..]) ? key[^24..] : null;
}
