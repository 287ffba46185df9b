using System.Diagnostics;
using System.Net;
using OrleansSessions.TestSupport;
using Xunit.Abstractions;

namespace OrleansSessions.MultiProcess.Tests;

/// <summary>
/// The embedded gateway on its default storage (SQLite in a data directory), as one process under load, killed with
/// SIGKILL in the middle of acknowledged work and started again on the same directory: every acknowledged device,
/// user, session, refresh rotation, revocation and custom-data change is there, and the live tokens issued before
/// the kill still work. A second process on the same directory refuses to start.
/// </summary>
[Trait("Category", "MultiProcess")]
public sealed class EmbeddedRestartTests(ITestOutputHelper output) : IDisposable
{
    private const string AdminKey = "embedded-restart-admin-key-91c3";
    private const int Workers = 4;
    private static readonly TimeSpan MinBeforeKill = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan MaxBeforeKill = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("embedded-restart-").FullName;

    [Fact]
    public async Task A_killed_gateway_restarts_on_its_data_directory_with_everything_acknowledged()
    {
        var (first, firstAddress) = await StartGatewayAsync();
        await using (first)
        {
            using var gateway = new GatewayClient([firstAddress], new RequestLog());
            var journeys = new Journeys(gateway, gateway, AdminKey);
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, Workers).Select(_ => Task.Run(() => journeys.Run(stop.Token))).ToList();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < MaxBeforeKill && (clock.Elapsed < MinBeforeKill || journeys.Completed < 4))
            {
                await Task.Delay(200);
            }

            var (customDataUser, customData) = await SetCustomDataAsync(gateway, journeys);
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            await first.KillAsync();
            var killedAfter = clock.Elapsed;
            await stop.CancelAsync();
            await Task.WhenAll(load);

            var devices = journeys.Devices.ToList();
            var sessions = devices.SelectMany(device => device.Sessions).ToList();
            output.WriteLine(
                $"killed (SIGKILL) after {killedAfter.TotalSeconds:F1} s of load by {Workers} workers: {journeys.Completed} complete "
                + $"journeys, {devices.Count} devices, {sessions.Count} logins, {sessions.Count(s => s.Fate == SessionFate.Live)} live, "
                + $"{sessions.Count(s => s.Fate == SessionFate.Ended)} ended");
            Assert.Empty(journeys.Refusals);

            var restartClock = Stopwatch.StartNew();
            var (second, secondAddress) = await StartGatewayAsync();
            await using (second)
            {
                output.WriteLine($"restarted on the same directory: ready after {restartClock.Elapsed.TotalSeconds:F1} s");
                Assert.Contains(Path.Combine(_dataDirectory, "orleans-sessions.db"), second.Output);
                using var restarted = new GatewayClient([secondAddress]);
                var state = await new AcknowledgedState(devices).Check([restarted], TimeSpan.FromSeconds(30));
                output.WriteLine($"{state.Checks} checks after the restart, {state.Problems.Count} problems");
                Assert.True(state.Problems.Count == 0, string.Join("\n", state.Problems.Take(10)));
                var (status, user) = await restarted.Ask(HttpMethod.Get, $"/v1/admin/users/{customDataUser}", AdminKey);
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Equal(customData, (string?)user!["customData"]!["note"]);

                var (refused, _) = await StartGatewayAsync(expectReady: false);
                await using (refused)
                {
                    Assert.Equal(1, await refused.ExitCodeAsync(TimeSpan.FromSeconds(60)));
                    Assert.Equal(
                        $"OrleansSessions could not start: Another OrleansSessions process is using the data directory {_dataDirectory}: "
                        + "stop it, or give this one a directory of its own. Check the setting Embedded:DataDirectory (environment "
                        + "variable Embedded__DataDirectory).",
                        refused.Output.TrimEnd().Split('\n')[^1]);
                }
            }
        }
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    /// <summary>Gives one live user of the load custom data (acknowledged with 204) while the load goes on.</summary>
    private static async Task<(string UserId, string Note)> SetCustomDataAsync(GatewayClient gateway, Journeys journeys)
    {
        var userId = journeys.Devices.SelectMany(device =>
        {
            lock (device.Sessions)
            {
                return device.Sessions.Where(session => session.Fate == SessionFate.Live).Select(session => session.UserId).ToList();
            }
        }).First();
        var note = "kept " + Guid.NewGuid().ToString("N");
        await gateway.Expect(HttpStatusCode.NoContent, HttpMethod.Put, $"/v1/admin/users/{userId}/custom-data", AdminKey, new { note });
        return (userId, note);
    }

    private async Task<(RecordedProcess Process, Uri Address)> StartGatewayAsync(bool expectReady = true)
    {
        var directory = Path.Combine(RepositoryRoot.Path, "src", "Gateway", "bin", ProcessCluster.Configuration, "net10.0");
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var process = RecordedProcess.Start(
            "dotnet", [Path.Combine(directory, "OrleansSessions.Gateway.dll"), "--urls", address.ToString()], directory, new Dictionary<string, string>
            {
                ["Embedded__DataDirectory"] = _dataDirectory,
                ["Embedded__SiloPort"] = FreePort.Next().ToString(),
                ["Embedded__GatewayPort"] = FreePort.Next().ToString(),
                ["Sessions__AdminApiKey"] = AdminKey,
                ["Sessions__RateLimits__PerAddressPerSecond"] = "0",
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["DOTNET_gcServer"] = "0",
            });
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (expectReady)
        {
            if (process.HasExited || deadline.Elapsed > ReadyTimeout)
            {
                await process.DisposeAsync();
                throw new TimeoutException($"the gateway was not ready within {ReadyTimeout.TotalSeconds:F0} s:\n{process.Output}");
            }

            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        return (process, address);
    }
}
