using OrleansSessions.Abstractions.Keys;

namespace OrleansSessions.Grains.Keys;

/// <summary>The persisted token keys, the signing one first.</summary>
[GenerateSerializer, Alias("OrleansSessions.SigningKeysState")]
public sealed class SigningKeysState
{
    [Id(0)] public List<SigningKey> Keys { get; set; } = [];
    [Id(1)] public byte[] RefreshTokenKey { get; set; } = [];
}
