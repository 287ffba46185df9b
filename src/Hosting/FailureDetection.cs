using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace OrleansSessions.Hosting;

/// <summary>
/// How fast the silos find one of them gone, and how long they wait for one that does not answer. Orleans's defaults
/// (5 s probes, 3 missed) took 10-14 s to declare a killed silo dead. Here the probe timeout is 2 s: Orleans adapts
/// it to the round trips it sees, down to half of it, and probes once per timeout, so a silo is probed about every
/// second; a probe never waits more than 3 s, even when the prober itself is slowed down; three missed probes from
/// each of two silos declare it dead: about 3-5 s for a killed silo, whose connections are refused at once, and
/// 5-10 s for a hung one. (A joining silo's first probes wait the whole 2 s, which a 1 s timeout did not leave a
/// starved machine.) A busy but live silo is not suspected while its messages keep arriving (Orleans's connection
/// liveness check), nor while the prober itself stalls. Each can be set under <c>Cluster:Membership</c>, e.g.
/// <c>Cluster__Membership__ProbeTimeout=00:00:03</c>. A call from one grain to another is given up after 3 s
/// (Orleans's default: 30 s), so a grain calling into a hung silo (a user grain telling a device) is not held for
/// longer than a gateway waits for it.
/// </summary>
public static class FailureDetection
{
    public const string Section = "Cluster:Membership";

    public static ISiloBuilder UseFastFailureDetection(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = TimeSpan.FromSeconds(2);
            options.MaxProbeTimeout = TimeSpan.FromSeconds(3);
            options.NumMissedProbesLimit = 3;
            options.NumVotesForDeathDeclaration = 2;
            options.TableRefreshTimeout = TimeSpan.FromSeconds(5);
        });
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection(Section));
        silo.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(3));
        return silo;
    }
}
