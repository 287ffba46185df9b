using System.Diagnostics;
using OrleansSessions.TestSupport;
using Xunit.Abstractions;

namespace OrleansSessions.MultiProcess.Tests;

/// <summary>
/// Three silo processes and two gateway processes on Redis and Azurite, under load through both gateways (as
/// through a load balancer) while, in turn, a silo is killed (SIGKILL), another silo is paused for 30 s (SIGSTOP, as
/// a long GC pause or a starved VM) and a gateway is killed; then the load writes on and the whole cluster is
/// stopped at once (as deploy/local/stop-cluster.sh does) and started again over the same storage. Nothing
/// acknowledged may be lost, undone or invisible: during the load (each login is looked for on its device right
/// after), after the faults, and after the restart. Each fault's figures go to the test output and to
/// .local/test-results, which ./test.sh prints.
/// </summary>
[Trait("Category", "MultiProcess")]
public sealed class FaultTests(ITestOutputHelper output)
{
    private const int Workers = 8;
    private const int LiveBeforeFaults = 30;
    private const int EndedBeforeFaults = 8;
    private static readonly TimeSpan MinBeforeFaults = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBeforeFaults = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan AfterKill = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AfterResume = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AfterGatewayKill = TimeSpan.FromSeconds(8);

    /// <summary>How long the load writes before the whole cluster is stopped at once.</summary>
    private static readonly TimeSpan WritesBeforeStop = TimeSpan.FromSeconds(4);

    /// <summary>How long a check may go unanswered while the cluster settles.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Silo_and_gateway_faults_under_load_and_a_stop_right_after_writes_lose_nothing_acknowledged()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = new ProcessCluster();
        await cluster.StartStorageAsync();
        await cluster.StartAsync(silos: 3, gateways: 2);
        Report($"storage, 3 silos and 2 gateways ready after {clock.Elapsed.TotalSeconds:F0} s; load average {LoadAverage()}");

        var log = new RequestLog();
        using var first = new GatewayClient([cluster.Gateways[0], cluster.Gateways[1]], log);
        using var second = new GatewayClient([cluster.Gateways[1], cluster.Gateways[0]], log);
        var journeys = new Journeys(first, second, ProcessCluster.AdminKey);
        var reverse = new Journeys(second, first, ProcessCluster.AdminKey);
        var bothWays = new[] { journeys, reverse };
        List<TrackedDevice> Devices() => [.. journeys.Devices.Concat(reverse.Devices)];
        (CancellationTokenSource Stop, Task Load) StartLoad()
        {
            var stop = new CancellationTokenSource();
            return (stop, Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(() => bothWays[worker % 2].Run(stop.Token)))));
        }

        var (stop, load) = StartLoad();
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < MaxBeforeFaults && (warmUp.Elapsed < MinBeforeFaults
            || Count(Devices(), SessionFate.Live) < LiveBeforeFaults || Count(Devices(), SessionFate.Ended) < EndedBeforeFaults))
        {
            await Task.Delay(250);
        }

        var before = log.Summarize(TimeSpan.Zero, log.Now);
        Report($"load: {Workers} workers through 2 gateways; before the faults ({warmUp.Elapsed.TotalSeconds:F0} s): {before}");

        var killed = await Fault(log, "silo-1 killed (SIGKILL)", () => cluster.Silos[1].KillAsync(), AfterKill);
        await cluster.AddSiloAsync(); // three silos again
        Report($"a new silo joined; load average {LoadAverage()}");

        var paused = cluster.Silos[2];
        var pause = await Fault(log, $"silo-2 paused (SIGSTOP) for {Pause.TotalSeconds:F0} s", () => Task.Run(paused.Pause), Pause);
        paused.Resume();
        await Fault(log, "silo-2 resumed (SIGCONT)", () => Task.CompletedTask, AfterResume);
        Report($"silo-2 {(paused.HasExited ? $"shut itself down after it resumed (exit code {paused.ExitCode}): the cluster had declared it dead" : "is running again")}");

        await Fault(log, "gateway-1 killed (SIGKILL)", () => cluster.GatewayProcesses[1].KillAsync(), AfterGatewayKill);
        await stop.CancelAsync();
        await load;

        var refusals = journeys.Refusals.Concat(reverse.Refusals).ToList();
        var invisible = journeys.Invisible.Concat(reverse.Invisible).ToList();
        Report($"during the load: {journeys.Completed + reverse.Completed} complete journeys; "
            + $"{journeys.ReadsOfWrites + reverse.ReadsOfWrites} acknowledged logins looked for on their device right after, "
            + $"{invisible.Count} not shown; {refusals.Count} requests refused against acknowledged state");
        if (log.FailureExamples.Length > 0)
        {
            Report($"examples of failed requests:\n{log.FailureExamples}");
        }

        Assert.True(refusals.Count == 0, $"{refusals.Count} requests were refused against acknowledged state, e.g. {string.Join("\n", refusals.Take(5))}");
        Assert.True(invisible.Count == 0, $"{invisible.Count} acknowledged logins were not on their device, e.g. {string.Join("\n", invisible.Take(5))}");
        Assert.True(Count(Devices(), SessionFate.Live) >= 6 && Count(Devices(), SessionFate.Ended) >= 2, "the load made too little to check");
        Assert.True(killed.Requests > killed.Failed && pause.Requests > pause.Failed, "no request succeeded after a fault");
        var unexpected = log.FailureCounts.Keys.Where(kind => kind is not ("answered 503" or "timed out" or "unanswered")).ToList();
        Assert.True(unexpected.Count == 0, $"faults may only make requests fail with 503 unavailable or no answer, not: {string.Join(", ", unexpected)}");

        var afterFaults = await CheckAsync(new AcknowledgedState(Devices()), [first, second], "after the faults", cluster);

        // Writes right up to a stop: every write acknowledged in the last seconds must outlive it.
        var devicesBefore = Devices().Count;
        (stop, load) = StartLoad();
        await Task.Delay(WritesBeforeStop);
        await stop.CancelAsync();
        await load;
        await cluster.StopAsync();
        var lastWrites = Devices().Skip(devicesBefore).SelectMany(device => device.Sessions).ToList();
        Report($"the whole cluster stopped (as stop-cluster.sh: SIGINT, Azurite last) right after {lastWrites.Count} logins "
            + $"and {lastWrites.Count(s => s.Fate == SessionFate.Ended)} logouts were acknowledged in {WritesBeforeStop.TotalSeconds:F0} s");

        var restart = Stopwatch.StartNew();
        await cluster.StartStorageAsync();
        await cluster.StartAsync(silos: 3, gateways: 2);
        Report($"started again (new cluster id, same storage): ready after {restart.Elapsed.TotalSeconds:F0} s");
        using var third = new GatewayClient([cluster.Gateways[0], cluster.Gateways[1]]);
        using var fourth = new GatewayClient([cluster.Gateways[1], cluster.Gateways[0]]);
        var afterRestart = await CheckAsync(new AcknowledgedState(Devices()), [third, fourth], "after the full restart", cluster);

        var changed = afterFaults.SettledDeviceLists
            .Where(list => afterRestart.SettledDeviceLists.GetValueOrDefault(list.Key) != list.Value)
            .Select(list => $"device {list.Key}: {list.Value} became {afterRestart.SettledDeviceLists.GetValueOrDefault(list.Key)}")
            .ToList();
        Assert.True(changed.Count == 0, $"{changed.Count} device lists changed over the restart, e.g. {string.Join("\n", changed.Take(5))}");
        Report($"lost: nothing ({afterRestart.Checks} checks after the restart, {afterFaults.SettledDeviceLists.Count} device lists "
            + $"unchanged); total {clock.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>Inflicts a fault under the load, lets the load run on for <paramref name="window"/>, and reports what it saw.</summary>
    private async Task<RequestLog.Figures> Fault(RequestLog log, string fault, Func<Task> inflict, TimeSpan window)
    {
        var at = log.Now;
        await inflict();
        await Task.Delay(window);
        var figures = log.Summarize(at, log.Now);
        Report($"{fault}, {window.TotalSeconds:F0} s of load: {figures}");
        return figures;
    }

    private static int Count(IEnumerable<TrackedDevice> devices, SessionFate fate) =>
        devices.Sum(device =>
        {
            lock (device.Sessions)
            {
                return device.Sessions.Count(session => session.Fate == fate);
            }
        });

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private async Task<AcknowledgedState.Result> CheckAsync(
        AcknowledgedState state, IReadOnlyList<GatewayClient> gateways, string when, ProcessCluster cluster)
    {
        var clock = Stopwatch.StartNew();
        var result = await state.Check(gateways, Patience);
        Report($"{when}: {result.Checks} checks of acknowledged changes in {clock.Elapsed.TotalSeconds:F0} s, "
            + $"{result.Problems.Count} lost or undone; {result.SettledDeviceLists.Count} settled device lists");
        Assert.True(result.Problems.Count == 0,
            $"{when}: {result.Problems.Count} problems, e.g.\n{string.Join("\n", result.Problems.Take(10))}\n{cluster.Logs}");
        return result;
    }

    /// <summary>A figure of the run: in the test output, and in .local/test-results for the test command to print.</summary>
    private void Report(string line)
    {
        output.WriteLine(line);
        var results = Path.Combine(RepositoryRoot.Path, ".local", "test-results");
        Directory.CreateDirectory(results);
        File.AppendAllText(Path.Combine(results, "multi-process-fault-test.txt"), $"{DateTime.UtcNow:O} {line}{Environment.NewLine}");
    }
}
