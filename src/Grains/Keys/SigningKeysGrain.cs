using System.Security.Cryptography;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Keys;

namespace OrleansSessions.Grains.Keys;

/// <summary>Holds the cluster's ES256 signing keys; makes the first one when asked before any exists.</summary>
public sealed class SigningKeysGrain(
    [PersistentState("signingKeys")] IPersistentState<SigningKeysState> state,
    TimeProvider time) : Grain, ISigningKeysGrain
{
    public async Task<IReadOnlyList<SigningKey>> GetKeys()
    {
        if (state.State.Keys.Count == 0)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            state.State.Keys.Add(new SigningKey(Ids.New(), key.ExportPkcs8PrivateKey(), time.GetUtcNow()));
            await state.WriteStateAsync();
        }

        return state.State.Keys.ToList();
    }
}
