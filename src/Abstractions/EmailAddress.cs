using System.Net.Mail;

namespace OrleansSessions.Abstractions;

/// <summary>Email addresses as account names: case-insensitive, kept in lower case.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public static bool IsValid(string? email) =>
        email is { Length: > 0 and <= MaxLength }
        && MailAddress.TryCreate(email.Trim(), out var parsed)
        && parsed.Address == email.Trim()
        && parsed.Host.Contains('.');
}
