using OrleansSessions.Abstractions.ApiKeys;

namespace OrleansSessions.Grains.Users;

/// <summary>
/// A deleted user's API keys, to be deleted with it. One-way, so that the user grain never waits on a key grain
/// (which may be waiting on it); a key whose owner is gone logs in no one meanwhile.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.ApiKeysDeletion")]
public sealed record ApiKeysDeletion(string UserId) : Delivery
{
    public override string Destination => $"api-keys/{UserId}";

    public override Task Send(IGrainFactory grains) => grains.GetGrain<IApiKeyListGrain>(UserId).OwnerDeleted();
}
