using OrleansSessions.Abstractions.UserDirectory;

namespace OrleansSessions.Grains.Users;

/// <summary>The user's entry on its way to the user directory (versioned, so repeats and late ones do no harm).</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.DirectoryDelivery")]
public sealed record DirectoryDelivery(DirectoryEntry Entry) : Delivery
{
    public override string Destination => "directory";

    public override Task Send(IGrainFactory grains) => grains.GetGrain<IUserDirectoryGrain>(0).Apply(Entry);
}
