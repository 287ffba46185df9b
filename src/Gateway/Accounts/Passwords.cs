using OrleansSessions.Abstractions;

namespace OrleansSessions.Gateway.Accounts;

/// <summary>
/// The password rule: 6 to 128 characters (SPEC.md), counted as Unicode scalar values (an emoji is one, not two
/// UTF-16 units).
/// </summary>
public static class Passwords
{
    public const int MinLength = 6;
    public const int MaxLength = 128;

    public static Secret Require(string? password, string field = "password") =>
        password?.EnumerateRunes().Count() is >= MinLength and <= MaxLength
            ? new Secret(password)
            : throw new SessionsException(
                ErrorCodes.InvalidPassword, $"'{field}' must be {MinLength} to {MaxLength} characters.");
}
