using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using OrleansSessions.Abstractions.Keys;

namespace OrleansSessions.Gateway.Tokens;

/// <summary>
/// The cluster's signing keys as this gateway holds them: loaded from the keys grain, so every gateway signs and
/// verifies with the same keys, and reloaded when a token names a key this gateway has not seen.
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

    /// <summary>The key of this id, reloading once if it is new to this gateway.</summary>
    public async ValueTask<ECDsaSecurityKey?> FindAsync(string? kid)
    {
        var snapshot = await CurrentAsync();
        var key = snapshot.Keys.FirstOrDefault(k => k.KeyId == kid);
        if (key is null && kid is not null && time.GetUtcNow() - snapshot.LoadedAt > ReloadInterval)
        {
            snapshot = await LoadAsync(snapshot);
            key = snapshot.Keys.FirstOrDefault(k => k.KeyId == kid);
        }

        return key;
    }

    private ValueTask<Snapshot> CurrentAsync() =>
        _snapshot is { } snapshot ? ValueTask.FromResult(snapshot) : new ValueTask<Snapshot>(LoadAsync(null));

    private async Task<Snapshot> LoadAsync(Snapshot? stale)
    {
        await _loading.WaitAsync();
        try
        {
            if (_snapshot is { } loaded && loaded != stale)
            {
                return loaded;
            }

            var keys = await grains.GetGrain<ISigningKeysGrain>(0).GetKeys();
            _snapshot = new Snapshot(keys.Select(ToSecurityKey).ToList(), time.GetUtcNow());
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

    private sealed record Snapshot(IReadOnlyList<ECDsaSecurityKey> Keys, DateTimeOffset LoadedAt);
}
