using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;
using OrleansSessions.Grains.Identities;

namespace OrleansSessions.Grains;

public static class SessionGrainsSiloBuilderExtensions
{
    /// <summary>
    /// Adds what the session grains need: their policy (section <c>Sessions</c>, checked at start-up), a clock, the password hashing pool, and
    /// Orleans's own binary serializer for every storage provider of the silo (version-tolerant, it honours the
    /// <c>[Id]</c> members of the state classes, which the default JSON one would drop when their setters are private),
    /// and the <see cref="LateCallRefusal"/> of calls their sender gave up on.
    /// </summary>
    public static ISiloBuilder AddSessionGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<SessionPolicyOptions>()
            .Bind(configuration.GetSection(SessionPolicyOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<HashingPool>();
        silo.Services.AddSingleton<PasswordHashing>();
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        silo.AddIncomingGrainCallFilter<LateCallRefusal>();
        return silo;
    }
}
