using OrleansSessions.Abstractions.Identities;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.Users;

/// <summary>Frees an external identity the user no longer has, so that it reaches this user no more.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.ExternalIdentityRelease")]
public sealed record ExternalIdentityRelease(string UserId, UserIdentity Identity) : Delivery
{
    public override string Destination => $"identity/{IdentityKeys.External(Identity)}";

    public override Task Send(IGrainFactory grains) =>
        grains.GetGrain<IExternalIdentityGrain>(IdentityKeys.External(Identity)).Release(UserId);
}
