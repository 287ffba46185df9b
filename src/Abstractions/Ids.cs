using System.Buffers.Text;
using System.Security.Cryptography;

namespace OrleansSessions.Abstractions;

/// <summary>Random identifiers and secrets, all from the operating system's CSPRNG.</summary>
public static class Ids
{
    /// <summary>A new id of 96 random bits as 24 lower-case hex characters (the shape of a Realm ObjectId).</summary>
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>Whether <paramref name="id"/> has the shape of an id made by <see cref="New"/>.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 24 } && id.All(char.IsAsciiHexDigitLower);

    /// <summary>A new secret of <paramref name="bytes"/> random bytes, base64url without padding.</summary>
    public static string NewSecret(int bytes = 32) =>
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
}
