using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;

namespace OrleansSessions.Grains;

public static class SessionGrainsSiloBuilderExtensions
{
    /// <summary>
    /// Adds what the session grains need: their policy (section <c>Sessions</c>, checked at start-up), a clock, and
    /// the binary state serializer every storage provider of the silo uses.
    /// </summary>
    public static ISiloBuilder AddSessionGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<SessionPolicyOptions>()
            .Bind(configuration.GetSection(SessionPolicyOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<IGrainStorageSerializer, BinaryGrainStorageSerializer>();
        return silo;
    }
}
