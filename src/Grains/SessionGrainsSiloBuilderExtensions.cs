using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansSessions.Grains;

public static class SessionGrainsSiloBuilderExtensions
{
    /// <summary>Adds what the session grains need: their policy (section <c>Sessions</c>) and a clock.</summary>
    public static ISiloBuilder AddSessionGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<SessionPolicyOptions>().Bind(configuration.GetSection(SessionPolicyOptions.Section));
        silo.Services.TryAddSingleton(TimeProvider.System);
        return silo;
    }
}
