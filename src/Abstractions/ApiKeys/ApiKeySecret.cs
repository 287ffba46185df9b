using System.Security.Cryptography;
using System.Text;

namespace OrleansSessions.Abstractions.ApiKeys;

/// <summary>
/// The secret of an API key: 64 characters of <c>[A-Za-z0-9]</c> from the operating system's CSPRNG (about 381 random
/// bits). It is kept only as its SHA-256 hash (<see cref="TokenHash"/>: enough for a secret of this entropy), found at
/// login by a lookup id derived from it under another label, so that the grain key a log may show reveals nothing
/// of the stored hash.
/// </summary>
public static class ApiKeySecret
{
    public const int Length = 64;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Whether <paramref name="key"/> has the shape of a key made by <see cref="New"/>.</summary>
    public static bool IsWellFormed(string? key) => key is { Length: Length } && key.All(char.IsAsciiLetterOrDigit);

    /// <summary>The id of the key's grain: 32 hex characters of a hash of the key under its own label.</summary>
    public static string LookupIdOf(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"api-key-lookup:{key}")).AsSpan(0, 16));

    /// <summary>What the service keeps of a new key.</summary>
    public static NewApiKey Describe(string name, string key) => new(name, TokenHash.Of(key), LookupIdOf(key));
}
