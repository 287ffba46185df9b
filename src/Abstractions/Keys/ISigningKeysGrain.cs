namespace OrleansSessions.Abstractions.Keys;

/// <summary>
/// The cluster's token keys (a single grain, key 0), held durably so that every gateway signs and verifies with
/// the same keys.
/// </summary>
[Alias("OrleansSessions.ISigningKeysGrain")]
public interface ISigningKeysGrain : IGrainWithIntegerKey
{
    /// <summary>The keys in force, made on first use.</summary>
    [Alias("GetKeys")]
    Task<SigningKeySet> GetKeys();

    /// <summary>
    /// Introduces a new signing key; the keys before it keep verifying for <paramref name="keepOldKeysFor"/>
    /// (the longest an access token they signed can still be live).
    /// </summary>
    [SingleAttempt, Alias("Rotate")]
    Task<SigningKeySet> Rotate(TimeSpan keepOldKeysFor);
}
