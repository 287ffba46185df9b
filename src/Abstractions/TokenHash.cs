using System.Security.Cryptography;
using System.Text;

namespace OrleansSessions.Abstractions;

/// <summary>
/// The SHA-256 hash of a secret token: what is stored and compared, never the token itself. Two hashes are equal
/// when their bytes are (compared in constant time), so <c>==</c> and dictionaries compare values, not arrays.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.TokenHash")]
public sealed record TokenHash(byte[] Value)
{
    public static TokenHash Of(string token) => new(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Compares in constant time, so a timing attack learns nothing about the stored hash.</summary>
    public bool Matches(TokenHash? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(Value, other.Value);

    public bool Equals(TokenHash? other) => Matches(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Value);
        return hash.ToHashCode();
    }

    public override string ToString() => "TokenHash(***)";
}
