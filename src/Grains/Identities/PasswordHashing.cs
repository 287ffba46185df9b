using System.Text;
using Geralt;
using Microsoft.AspNetCore.Identity;

namespace OrleansSessions.Grains.Identities;

/// <summary>
/// Salted slow password hashes: Argon2id (libsodium through Geralt) at OWASP's parameters, as a PHC string that names
/// its algorithm and parameters (<c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c>). Hashes of the first version,
/// ASP.NET Core Identity's PBKDF2, still verify, and are reported for a re-hash, as are Argon2id hashes of weaker
/// parameters. Every hash runs in the <see cref="HashingPool"/>.
/// </summary>
public sealed class PasswordHashing(HashingPool pool)
{
    /// <summary>OWASP's Argon2id minimum: 19 MiB of memory, 2 iterations, parallelism 1 (libsodium's only one).</summary>
    public const int Iterations = 2;
    public const int MemoryBytes = 19 * 1024 * 1024;

    private const string Argon2idPrefix = "$argon2id$";

    private static readonly PasswordHasher<object> Pbkdf2 = new();
    private static readonly object NoUser = new();

    /// <summary>A hash of a password nobody has, checked when an email is unknown so both cost the same time.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => ComputeArgon2id(Guid.NewGuid().ToString()));

    public Task<string> Hash(string password) => pool.Run(() => ComputeArgon2id(password));

    public Task<PasswordMatch> Verify(string? hash, string password) => pool.Run(() => hash is null
        ? DecoyCheck(password)
        : hash.StartsWith(Argon2idPrefix, StringComparison.Ordinal)
            ? VerifyArgon2id(hash, password)
            : VerifyPbkdf2(hash, password));

    private static string ComputeArgon2id(string password)
    {
        Span<char> hash = stackalloc char[Argon2id.HashSize];
        Argon2id.ComputeHash(hash, Encoding.UTF8.GetBytes(password), Iterations, MemoryBytes);
        return new string(hash.TrimEnd('\0'));
    }

    private static PasswordMatch VerifyArgon2id(string hash, string password) =>
        !Argon2id.VerifyHash(hash, Encoding.UTF8.GetBytes(password)) ? PasswordMatch.Failed
        : Argon2id.NeedsRehash(hash, Iterations, MemoryBytes) ? PasswordMatch.ValidNeedsRehash
        : PasswordMatch.Valid;

    private static PasswordMatch VerifyPbkdf2(string hash, string password) =>
        Pbkdf2.VerifyHashedPassword(NoUser, hash, password) == PasswordVerificationResult.Failed
            ? PasswordMatch.Failed
            : PasswordMatch.ValidNeedsRehash;

    private static PasswordMatch DecoyCheck(string password)
    {
        VerifyArgon2id(DecoyHash.Value, password);
        return PasswordMatch.Failed;
    }
}
