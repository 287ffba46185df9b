using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using OrleansSessions.Abstractions.Keys;

namespace OrleansSessions.Gateway.Tokens;

/// <summary>
/// The cluster's token keys as this gateway holds them: loaded from the keys grain, so every gateway signs and
/// verifies with the same keys; reloaded every half minute (a rotation elsewhere reaches this gateway) and at once
/// when a token names a key this gateway has not seen.
/// </summary>
public sealed class SigningKeyRing(IGrainFactory grains, TimeProvider time)
{
    private static readonly TimeSpan ReloadInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private Snapshot? _snapshot;

    /// <summary>The key that signs new tokens.</summary>
    public async ValueTask<ECDsaSecurityKey> SigningKeyAsync() => (await CurrentAsync()).Keys[0];

    /// <summary>Every key that may have signed a live token.</summary>
    public async ValueTask<IReadOnlyList<ECDsaSecurityKey>> AllKeysAsync() => (await CurrentAsync()).Keys;

    /// <summary>The secret every gateway derives a rotated refresh token's successor with.</summary>
    public async ValueTask<byte[]> RefreshTokenKeyAsync() => (await CurrentAsync()).RefreshTokenKey;

    /// <summary>The MAC of the credentials this service hands out, under a key derived from the cluster's secret.</summary>
    public async ValueTask<TokenSeal> SealAsync() => (await CurrentAsync()).Seal;

    /// <summary>The key of this id, reloading once if it is new to this gateway.</summary>
    public async ValueTask<ECDsaSecurityKey?> FindAsync(string? kid)
    {
        var snapshot = await CurrentAsync();
        var key = snapshot.Keys.FirstOrDefault(k => k.KeyId == kid);
        if (key is null && kid is not null && time.GetUtcNow() - snapshot.LoadedAt > TimeSpan.FromSeconds(1))
        {
            snapshot = await LoadAsync(snapshot, keys => keys.GetKeys());
            key = snapshot.Keys.FirstOrDefault(k => k.KeyId == kid);
        }

        return key;
    }

    /// <summary>Introduces a new signing key for the whole cluster; this gateway signs with it at once.</summary>
    public async Task<string> RotateAsync(TimeSpan keepOldKeysFor)
    {
        var snapshot = await LoadAsync(_snapshot, keys => keys.Rotate(keepOldKeysFor), force: true);
        return snapshot.Keys[0].KeyId;
    }

    private ValueTask<Snapshot> CurrentAsync() =>
        _snapshot is { } snapshot && time.GetUtcNow() - snapshot.LoadedAt < ReloadInterval
            ? ValueTask.FromResult(snapshot)
            : new ValueTask<Snapshot>(LoadAsync(_snapshot, keys => keys.GetKeys()));

    private async Task<Snapshot> LoadAsync(Snapshot? stale, Func<ISigningKeysGrain, Task<SigningKeySet>> load, bool force = false)
    {
        await _loading.WaitAsync();
        try
        {
            if (!force && _snapshot is { } loaded && loaded != stale)
            {
                return loaded;
            }

            var set = await load(grains.GetGrain<ISigningKeysGrain>(0));
            _snapshot = new Snapshot(set.Keys.Select(ToSecurityKey).ToList(), set.RefreshTokenKey, new TokenSeal(set.RefreshTokenKey), time.GetUtcNow());
            return _snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    private static ECDsaSecurityKey ToSecurityKey(SigningKey key)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(key.PrivateKeyPkcs8, out _);
        return new ECDsaSecurityKey(ecdsa) { KeyId = key.Kid };
    }

    private sealed record Snapshot(IReadOnlyList<ECDsaSecurityKey> Keys, byte[] RefreshTokenKey, TokenSeal Seal, DateTimeOffset LoadedAt);
}
