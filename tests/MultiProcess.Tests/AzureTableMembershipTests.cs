using System.Diagnostics;
using Xunit.Abstractions;

namespace OrleansSessions.MultiProcess.Tests;

/// <summary>
/// The cluster on Azure Storage alone (<c>Cluster__Membership=azuretable</c>: membership and grain state in Azurite,
/// no Redis): two silo and two gateway processes serve the load, one silo is killed with SIGKILL, and everything
/// acknowledged is still there once the membership has moved on. A shorter run than <see cref="FaultTests"/>,
/// which does the same on Redis membership.
/// </summary>
[Trait("Category", "MultiProcess")]
public sealed class AzureTableMembershipTests(ITestOutputHelper output)
{
    private const int Workers = 4;
    private const int JourneysBeforeKill = 2;
    private static readonly TimeSpan MaxBeforeKill = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan AfterKill = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_cluster_on_azure_table_membership_serves_and_survives_a_killed_silo()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = new ProcessCluster(ProcessCluster.AzureTableMembership);
        await cluster.StartStorageAsync();
        await cluster.StartAsync(silos: 2, gateways: 2);
        output.WriteLine($"Azurite, 2 silos and 2 gateways on Azure Table membership ready after {clock.Elapsed.TotalSeconds:F0} s");

        using var first = new GatewayClient([cluster.Gateways[0], cluster.Gateways[1]], new RequestLog());
        using var second = new GatewayClient([cluster.Gateways[1], cluster.Gateways[0]], new RequestLog());
        var journeys = new Journeys(first, second, ProcessCluster.AdminKey);
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Workers).Select(_ => Task.Run(() => journeys.Run(stop.Token))).ToList();
        var beforeKill = Stopwatch.StartNew();
        while (journeys.Completed < JourneysBeforeKill && beforeKill.Elapsed < MaxBeforeKill)
        {
            await Task.Delay(250);
        }

        await cluster.Silos[1].KillAsync();
        stop.CancelAfter(AfterKill);
        await Task.WhenAll(load);

        var devices = journeys.Devices.ToList();
        var sessions = devices.SelectMany(device => device.Sessions).ToList();
        output.WriteLine($"silo-1 killed after {beforeKill.Elapsed.TotalSeconds:F0} s of load; {journeys.Completed} complete journeys, "
            + $"{sessions.Count} logins, "
            + $"{sessions.Count(s => s.Fate == SessionFate.Live)} live, {sessions.Count(s => s.Fate == SessionFate.Ended)} ended");
        Assert.Empty(journeys.Refusals);
        Assert.True(journeys.Completed >= JourneysBeforeKill, "the load made too little to check");

        var checkClock = Stopwatch.StartNew();
        var state = await new AcknowledgedState(devices).Check([first, second], Patience);
        output.WriteLine($"after silo-1 was killed: {state.Checks} checks in {checkClock.Elapsed.TotalSeconds:F0} s, "
            + $"{state.Problems.Count} problems; total {clock.Elapsed.TotalSeconds:F0} s");
        Assert.True(state.Problems.Count == 0, $"{string.Join("\n", state.Problems.Take(10))}\n{cluster.Logs}");
    }
}
