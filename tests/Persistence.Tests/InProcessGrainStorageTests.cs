using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansSessions.Hosting.Embedded;

namespace OrleansSessions.Persistence.Tests;

/// <summary>The embedded mode's throwaway storage (<c>Embedded__Storage=memory</c>).</summary>
public sealed class InProcessGrainStorageTests : GrainStorageContract
{
    private ServiceProvider? _services;

    protected override int LargePayloadBytes => 4 * 1024 * 1024;

    protected override Task<IGrainStorage> StartAsync()
    {
        _services = SiloServices.Build();
        return Task.FromResult<IGrainStorage>(ActivatorUtilities.CreateInstance<InProcessGrainStorage>(_services));
    }

    public override async Task DisposeAsync() => await _services!.DisposeAsync();
}
