using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace OrleansSessions.Persistence.Tests;

/// <summary>What a provider takes from a silo of the session tier: Orleans's serializer, as the grain storage serializer.</summary>
public static class SiloServices
{
    public static ServiceProvider Build() => new ServiceCollection()
        .AddSerializer()
        .AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>()
        .BuildServiceProvider();
}
