namespace OrleansSessions.Abstractions.Users;

/// <summary>An account's standing (API.md: <c>pending</c>, <c>confirmed</c>, <c>disabled</c>).</summary>
public enum UserStatus
{
    Pending,
    Confirmed,
    Disabled,
}
