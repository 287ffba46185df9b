namespace OrleansSessions.Abstractions.Keys;

/// <summary>
/// The cluster's access-token signing keys (a single grain, key 0), held durably so that every gateway signs and
/// verifies with the same keys. The first key is the one that signs.
/// </summary>
[Alias("OrleansSessions.ISigningKeysGrain")]
public interface ISigningKeysGrain : IGrainWithIntegerKey
{
    [Alias("GetKeys")]
    Task<IReadOnlyList<SigningKey>> GetKeys();
}
