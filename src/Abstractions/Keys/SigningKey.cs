namespace OrleansSessions.Abstractions.Keys;

/// <summary>One ES256 signing key of the cluster: its id and its PKCS#8 private key.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.SigningKey")]
public sealed record SigningKey(string Kid, byte[] PrivateKeyPkcs8, DateTimeOffset CreatedAt)
{
    public override string ToString() => $"SigningKey({Kid})";
}
