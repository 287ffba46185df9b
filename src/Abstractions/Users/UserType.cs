namespace OrleansSessions.Abstractions.Users;

/// <summary>What a user is (PROVIDERS.md: <c>normal</c>, or <c>server</c> for the user of a server API key).</summary>
public enum UserType
{
    Normal,
    Server,
}
