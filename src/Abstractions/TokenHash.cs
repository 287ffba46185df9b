using System.Security.Cryptography;
using System.Text;

namespace OrleansSessions.Abstractions;

/// <summary>The SHA-256 hash of a secret token: what is stored and compared, never the token itself.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.TokenHash")]
public sealed record TokenHash(byte[] Value)
{
    public static TokenHash Of(string token) => new(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Compares in constant time, so a timing attack learns nothing about the stored hash.</summary>
    public bool Matches(TokenHash? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(Value, other.Value);

    public override string ToString() => "TokenHash(***)";
}
