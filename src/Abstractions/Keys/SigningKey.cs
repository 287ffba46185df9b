namespace OrleansSessions.Abstractions.Keys;

/// <summary>
/// One ES256 signing key of the cluster: its id, its PKCS#8 private key, and, once a newer key signs, when it
/// stops verifying (after the last token it signed has expired).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.SigningKey")]
public sealed record SigningKey(string Kid, byte[] PrivateKeyPkcs8, DateTimeOffset CreatedAt, DateTimeOffset? RetiresAt = null)
{
    public override string ToString() => $"SigningKey({Kid})";
}
