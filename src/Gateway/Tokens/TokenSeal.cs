using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using OrleansSessions.Abstractions;

namespace OrleansSessions.Gateway.Tokens;

/// <summary>
/// The MAC (HMAC-SHA256, truncated) that every credential this service hands out carries: device tokens, refresh
/// tokens and Realm device ids, each bound to what it names (its device, its user). The key is derived from the
/// cluster's secret (<see cref="SigningKeyRing"/>), so every gateway checks it, and refuses a forged or random
/// credential before any grain is asked, so before any grain is activated for it.
/// </summary>
public sealed class TokenSeal(byte[] clusterSecret)
{
    public const string Device = "device";
    public const string Refresh = "refresh";
    public const string RealmDevice = "realm-device";

    private const int SecretBytes = 32;
    private const int MacBytes = 16;
    private const int SealedChars = (SecretBytes + MacBytes) / 3 * 4; // base64url, no padding needed
    private const int IdRandomBytes = 8;
    private const int IdMacBytes = 4; // 24 hex characters in all: the shape of every id (Ids.IsWellFormed)

    private readonly byte[] _key = HMACSHA256.HashData(clusterSecret, "orleans-sessions:token-seal"u8);

    /// <summary>A new secret (256 random bits) for <paramref name="subject"/>, sealed.</summary>
    public string NewSecret(string purpose, string subject) => Sealed(purpose, subject, RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>The 256 bits of <paramref name="secret"/> and their MAC, as 64 base64url characters.</summary>
    public string Sealed(string purpose, string subject, byte[] secret) =>
        Base64Url.EncodeToString([.. secret, .. Mac(purpose, subject, secret, MacBytes)]);

    /// <summary>Whether <paramref name="sealedSecret"/> was sealed by this cluster for <paramref name="subject"/>.</summary>
    public bool Verifies(string purpose, string subject, string? sealedSecret)
    {
        var bytes = new byte[SecretBytes + MacBytes];
        return sealedSecret is { Length: SealedChars }
            && Base64Url.TryDecodeFromChars(sealedSecret, bytes, out var written) && written == bytes.Length
            && CryptographicOperations.FixedTimeEquals(bytes.AsSpan(SecretBytes), Mac(purpose, subject, bytes[..SecretBytes], MacBytes));
    }

    /// <summary>A new id (the shape of <see cref="Ids.New"/>) that carries its own MAC.</summary>
    public string NewId(string purpose)
    {
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdRandomBytes));
        return random + Convert.ToHexStringLower(Mac(purpose, "", Encoding.ASCII.GetBytes(random), IdMacBytes));
    }

    /// <summary>Whether <paramref name="id"/> was made by <see cref="NewId"/> of this cluster.</summary>
    public bool IsId(string purpose, string? id) =>
        Ids.IsWellFormed(id) && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(id![(2 * IdRandomBytes)..]),
            Encoding.ASCII.GetBytes(Convert.ToHexStringLower(Mac(purpose, "", Encoding.ASCII.GetBytes(id[..(2 * IdRandomBytes)]), IdMacBytes))));

    private byte[] Mac(string purpose, string subject, byte[] value, int length) =>
        HMACSHA256.HashData(_key, (byte[])[.. Encoding.UTF8.GetBytes($"{purpose}:{subject}:"), .. value])[..length];
}
