namespace OrleansSessions.Abstractions.Keys;

/// <summary>
/// The cluster's token keys: the signing keys (the first one signs, the others only verify until they retire),
/// and the secret from which every gateway derives the same successor of a rotated refresh token.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.SigningKeySet")]
public sealed record SigningKeySet(IReadOnlyList<SigningKey> Keys, byte[] RefreshTokenKey)
{
    public override string ToString() => $"SigningKeySet({string.Join(", ", Keys.Select(k => k.Kid))})";
}
