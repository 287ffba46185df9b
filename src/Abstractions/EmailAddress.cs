using System.Globalization;
using System.Net.Mail;
using System.Text;

namespace OrleansSessions.Abstractions;

/// <summary>
/// Email addresses as account names: Unicode NFC, case-insensitive, kept in lower case. An address carrying a
/// control, bidirectional or zero-width character (or a line separator) is never valid: two addresses that look alike
/// must not name two accounts.
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static string Normalize(string email) => email.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();

    public static bool IsValid(string? email) =>
        email is { Length: > 0 and <= MaxLength }
        && !HasHiddenCharacters(email)
        && MailAddress.TryCreate(email.Trim(), out var parsed)
        && parsed.Address == email.Trim()
        && parsed.Host.Contains('.');

    /// <summary>
    /// Whether the text holds a character that does not show or that reorders what does: controls (Cc), format
    /// characters (Cf: the bidirectional marks, embeddings and isolates, zero-width spaces and joiners, the BOM),
    /// line and paragraph separators.
    /// </summary>
    public static bool HasHiddenCharacters(string text) =>
        text.EnumerateRunes().Any(rune => Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control
            or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
}
