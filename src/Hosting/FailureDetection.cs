using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace OrleansSessions.Hosting;

/// <summary>
/// How fast the silos find one of them gone. Orleans's defaults (5 s probes, 3 missed) took 10-14 s to declare a
/// killed silo dead; here a silo is probed every second (a probe times out after at most 2 s, even when the prober
/// itself is slowed down), and three missed probes from each of two silos declare it dead: about 3-5 s for a killed
/// silo, whose connections are refused at once, and 6-10 s for a hung one. A busy but live silo is not suspected
/// while its messages keep arriving (Orleans's connection liveness check). Any of these can be set under
/// <c>Cluster:Membership</c>, e.g. <c>Cluster__Membership__ProbeTimeout=00:00:02</c>.
/// </summary>
public static class FailureDetection
{
    public const string Section = "Cluster:Membership";

    public static ISiloBuilder UseFastFailureDetection(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = TimeSpan.FromSeconds(1);
            options.MaxProbeTimeout = TimeSpan.FromSeconds(2);
            options.NumMissedProbesLimit = 3;
            options.NumVotesForDeathDeclaration = 2;
            options.TableRefreshTimeout = TimeSpan.FromSeconds(5);
        });
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection(Section));
        return silo;
    }
}
