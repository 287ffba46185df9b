using System.Security.Cryptography;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Keys;

namespace OrleansSessions.Grains.Keys;

/// <summary>Holds the cluster's token keys; makes them when first asked, rotates the signing key on demand.</summary>
public sealed class SigningKeysGrain(
    [PersistentState("signingKeys")] IPersistentState<SigningKeysState> state,
    TimeProvider time) : Grain, ISigningKeysGrain
{
    public async Task<SigningKeySet> GetKeys()
    {
        var now = time.GetUtcNow();
        var changed = state.State.Keys.RemoveAll(k => k.RetiresAt <= now) > 0;
        if (state.State.Keys.Count == 0)
        {
            state.State.Keys.Add(NewKey(now));
            state.State.RefreshTokenKey = RandomNumberGenerator.GetBytes(32);
            changed = true;
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }

        return Snapshot();
    }

    public async Task<SigningKeySet> Rotate(TimeSpan keepOldKeysFor)
    {
        await GetKeys();
        var now = time.GetUtcNow();
        var retiresAt = now + keepOldKeysFor;
        state.State.Keys = state.State.Keys
            .Select(k => k with { RetiresAt = k.RetiresAt is { } at && at < retiresAt ? at : retiresAt })
            .Prepend(NewKey(now))
            .ToList();
        await state.WriteStateAsync();
        return Snapshot();
    }

    private SigningKeySet Snapshot() => new(state.State.Keys.ToList(), state.State.RefreshTokenKey);

    private static SigningKey NewKey(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new SigningKey(Ids.New(), key.ExportPkcs8PrivateKey(), now);
    }
}
