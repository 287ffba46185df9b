using System.Diagnostics;
using Xunit.Abstractions;

namespace OrleansSessions.MultiProcess.Tests;

/// <summary>
/// Three silo processes and two gateway processes on Redis and Azurite, under load through both gateways, one silo
/// killed with SIGKILL in the middle: nothing acknowledged is lost or undone, then or after the whole cluster is
/// killed and started afresh. The run's figures (failed share, failover time) go to the test output and to
/// .local/test-results, which ./test.sh prints.
/// </summary>
[Trait("Category", "MultiProcess")]
public sealed class SiloCrashTests(ITestOutputHelper output)
{
    private const int Workers = 8;

    /// <summary>The load runs at least this long before the kill, and until it has made enough to check (at most <see cref="MaxBeforeKill"/>).</summary>
    private static readonly TimeSpan MinBeforeKill = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBeforeKill = TimeSpan.FromSeconds(45);
    private const int LiveBeforeKill = 30;
    private const int EndedBeforeKill = 8;

    /// <summary>How long the load goes on after the kill, through the failover.</summary>
    private static readonly TimeSpan AfterKill = TimeSpan.FromSeconds(20);

    /// <summary>How long a check may go unanswered while the cluster settles (Orleans declares a killed silo dead in ~10-20 s).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_silo_killed_under_load_loses_nothing_acknowledged_and_a_restart_brings_it_all_back()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = new ProcessCluster();
        await cluster.StartStorageAsync();
        await cluster.StartAsync(silos: 3, gateways: 2);
        Report($"storage, 3 silos and 2 gateways ready after {clock.Elapsed.TotalSeconds:F0} s");

        var log = new RequestLog();
        using var first = new GatewayClient(cluster.Gateways[0], log);
        using var second = new GatewayClient(cluster.Gateways[1], log);
        var journeys = new Journeys(first, second, ProcessCluster.AdminKey);
        var reverse = new Journeys(second, first, ProcessCluster.AdminKey);
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Workers)
            .Select(worker => Task.Run(() => (worker % 2 == 0 ? journeys : reverse).Run(stop.Token)))
            .ToList();
        int Count(SessionFate fate) => CountSessions(journeys.Devices.Concat(reverse.Devices), fate);
        var beforeKill = Stopwatch.StartNew();
        while (beforeKill.Elapsed < MaxBeforeKill
            && (beforeKill.Elapsed < MinBeforeKill || Count(SessionFate.Live) < LiveBeforeKill || Count(SessionFate.Ended) < EndedBeforeKill))
        {
            await Task.Delay(250);
        }

        var killedAfter = beforeKill.Elapsed;
        log.SiloKilled();
        await cluster.Silos[1].KillAsync();
        stop.CancelAfter(AfterKill);
        await Task.WhenAll(load);

        var figures = log.Summarize();
        var devices = journeys.Devices.Concat(reverse.Devices).ToList();
        var sessions = devices.SelectMany(device => device.Sessions).ToList();
        Report($"load: {Workers} workers through 2 gateways, silo-1 killed (SIGKILL) after {killedAfter.TotalSeconds:F0} s "
            + $"and {AfterKill.TotalSeconds:F0} s more load: {figures}");
        if (log.FailureExamples.Length > 0)
        {
            Report($"examples of failed requests:\n{log.FailureExamples}");
        }

        Report($"acknowledged: {journeys.Completed + reverse.Completed} complete journeys, {devices.Count} devices, "
            + $"{sessions.Count} logins, {sessions.Count(s => s.Fate == SessionFate.Ended)} ended, "
            + $"{sessions.Count(s => s.Fate == SessionFate.Live)} live, {sessions.Count(s => s.Fate == SessionFate.MaybeEnded)} "
            + $"ends unacknowledged; {devices.Count(d => d.Settled)} devices settled");
        var refusals = journeys.Refusals.Concat(reverse.Refusals).ToList();
        Assert.True(refusals.Count == 0, $"{refusals.Count} requests were refused against acknowledged state, e.g. {string.Join("\n", refusals.Take(5))}");
        Assert.True(sessions.Count(s => s.Fate == SessionFate.Live) >= 6 && sessions.Count(s => s.Fate == SessionFate.Ended) >= 2,
            "the load made too little to check");
        Assert.True(figures.RequestsAfterKill > figures.FailedAfterKill, "no request succeeded after the silo was killed");
        var unexpected = log.FailureCounts.Keys.Where(kind => kind is not ("answered 503" or "timed out")).ToList();
        Assert.True(unexpected.Count == 0,
            $"while a silo was lost, the gateways answered only 503 unavailable (or not in time), except: {string.Join(", ", unexpected)}");

        var state = new AcknowledgedState(devices);
        var afterKill = await CheckAsync(state, [first, second], "after the silo was killed", cluster);

        await cluster.KillSilosAndGatewaysAsync();
        var restartClock = Stopwatch.StartNew();
        await cluster.StartAsync(silos: 3, gateways: 2);
        Report($"whole cluster killed and started afresh (new cluster id, same storage): ready after {restartClock.Elapsed.TotalSeconds:F0} s");
        using var third = new GatewayClient(cluster.Gateways[0]);
        using var fourth = new GatewayClient(cluster.Gateways[1]);
        var afterRestart = await CheckAsync(state, [third, fourth], "after the whole cluster restarted", cluster);

        var changed = afterKill.SettledDeviceLists
            .Where(list => afterRestart.SettledDeviceLists.GetValueOrDefault(list.Key) != list.Value)
            .Select(list => $"device {list.Key}: {list.Value} became {afterRestart.SettledDeviceLists.GetValueOrDefault(list.Key)}")
            .ToList();
        Assert.True(changed.Count == 0, $"{changed.Count} device lists changed over the restart, e.g. {string.Join("\n", changed.Take(5))}");
        Report($"total {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static int CountSessions(IEnumerable<TrackedDevice> devices, SessionFate fate) =>
        devices.Sum(device =>
        {
            lock (device.Sessions)
            {
                return device.Sessions.Count(session => session.Fate == fate);
            }
        });

    private async Task<AcknowledgedState.Result> CheckAsync(
        AcknowledgedState state, IReadOnlyList<GatewayClient> gateways, string when, ProcessCluster cluster)
    {
        var clock = Stopwatch.StartNew();
        var result = await state.Check(gateways, Patience);
        Report($"{when}: {result.Checks} checks in {clock.Elapsed.TotalSeconds:F0} s, {result.Problems.Count} problems; "
            + $"{result.SettledDeviceLists.Count} settled device lists");
        Assert.True(result.Problems.Count == 0,
            $"{when}: {result.Problems.Count} problems, e.g.\n{string.Join("\n", result.Problems.Take(10))}\n{cluster.Logs}");
        return result;
    }

    /// <summary>A figure of the run: in the test output, and in .local/test-results for the test command to print.</summary>
    private void Report(string line)
    {
        output.WriteLine(line);
        var results = Path.Combine(TestSupport.RepositoryRoot.Path, ".local", "test-results");
        Directory.CreateDirectory(results);
        File.AppendAllText(Path.Combine(results, "multi-process-fault-test.txt"), $"{DateTime.UtcNow:O} {line}{Environment.NewLine}");
    }
}
