using Microsoft.AspNetCore.Identity;

namespace OrleansSessions.Grains.Identities;

/// <summary>Salted slow password hashes: ASP.NET Core Identity's PBKDF2 (HMAC-SHA512, 100 000 iterations).</summary>
public static class PasswordHashing
{
    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object NoUser = new();

    /// <summary>A hash of a password nobody has, checked when an email is unknown so both cost the same time.</summary>
    private static readonly string DecoyHash = Hasher.HashPassword(NoUser, Guid.NewGuid().ToString());

    public static string Hash(string password) => Hasher.HashPassword(NoUser, password);

    public static bool Verify(string? hash, string password) =>
        Hasher.VerifyHashedPassword(NoUser, hash ?? DecoyHash, password) != PasswordVerificationResult.Failed
        && hash is not null;
}
