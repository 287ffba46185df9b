using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace OrleansSessions.LoadTool;

/// <summary>A whole run: the two ceilings, the gateway's scenarios, the fan-out, the memory host, then the report.</summary>
public static class BenchRunner
{
    public static async Task<BenchReport> RunAsync(BenchOptions options, string? customTokenPrivatePem, Action<string> log)
    {
        var report = new BenchReport { Options = options, Machine = Machine() };
        using var http = NewClient(options.Gateway, options.Concurrency);

        if (options.Runs("baselines"))
        {
            report.Bare = await BaselineAsync("bare Kestrel", "GET /ping → small JSON, minimal API, no Orleans", options, "serve-bare", log);
            report.Actor = await BaselineAsync("Kestrel + 1 grain call", "GET /ping → one call to a trivial grain in a co-hosted silo", options, "serve-actor", log);
        }

        var gatewayScenarios = new[] { "read", "refresh", "switch", "login", "fanout" }.Where(options.Runs).ToList();
        if (gatewayScenarios.Count > 0)
        {
            (await http.GetAsync("/health/ready")).EnsureSuccessStatusCode();
            var pem = customTokenPrivatePem ?? (options.CustomTokenKeyPath is { } path ? await File.ReadAllTextAsync(path)
                : throw new ArgumentException("--custom-token-key is needed: the gateway must trust its public half (see bench/run.sh)"));
            var scenarios = new GatewayScenarios(http, options, CustomTokenIssuer.FromPem(pem, options.CustomTokenIssuer), log);
            if (gatewayScenarios.Intersect(["read", "refresh", "switch"]).Any())
            {
                var devices = await scenarios.SetUpDevicesAsync(options.Users);
                foreach (var (name, run) in new (string, Func<List<VirtualDevice>, Task<ScenarioResult>>)[]
                    { ("read", scenarios.ReadAsync), ("refresh", scenarios.RefreshAsync), ("switch", scenarios.SwitchAsync) })
                {
                    if (options.Runs(name))
                    {
                        report.Scenarios.Add(Logged(await run(devices), log));
                    }
                }
            }

            if (options.Runs("login"))
            {
                report.Scenarios.Add(Logged(await scenarios.LoginAsync(), log));
            }

            if (options.Runs("fanout"))
            {
                report.FanOut.AddRange(await scenarios.FanOutAsync());
            }
        }

        if (options.Runs("memory"))
        {
            report.Memory = options.ChildProcesses
                ? await MemoryInChildAsync(options, log)
                : await MemoryScenario.RunAsync(options.MemoryDevices, options.MemoryUsersPerDevice, log);
            log($"memory: {BenchReport.PerActivation(report.Memory):F0} bytes per activation, {BenchReport.PerEmptyDevice(report.Memory):F0} per empty device");
        }

        report.WriteFiles(options.OutputDirectory);
        return report;
    }

    public static HttpClient NewClient(Uri baseAddress, int concurrency) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(2),
            DefaultRequestVersion = HttpVersion.Version11,
        };

    private static ScenarioResult Logged(ScenarioResult result, Action<string> log)
    {
        log($"{result.Name}: {result.Throughput:F0} req/s, p50 {result.Latency.P50:F2} ms, p99 {result.Latency.P99:F2} ms, max {result.Latency.Max:F1} ms, errors {result.Errors}{(result.FirstError is null ? "" : " (" + result.FirstError + ")")}");
        return result;
    }

    private static async Task<ScenarioResult> BaselineAsync(string name, string description, BenchOptions options, string mode, Action<string> log)
    {
        var port = MemoryScenario.FreePort();
        string[] args = mode == "serve-bare"
            ? [mode, port.ToString()]
            : [mode, port.ToString(), MemoryScenario.FreePort().ToString(), MemoryScenario.FreePort().ToString()];
        Process? child = null;
        Microsoft.AspNetCore.Builder.WebApplication? app = null;
        try
        {
            if (options.ChildProcesses)
            {
                child = StartSelf(args, redirect: false);
            }
            else
            {
                app = mode == "serve-bare" ? Baselines.Bare(port) : Baselines.Actor(port, int.Parse(args[2]), int.Parse(args[3]));
                await app.StartAsync();
            }

            using var http = NewClient(new Uri($"http://127.0.0.1:{port}"), options.Concurrency);
            await WaitUntilUpAsync(http, "/ping", child);
            return Logged(await ClosedLoop.RunAsync(name, description, options.Concurrency, options.WarmUp, options.Duration, async (_, _) =>
            {
                using var response = await http.GetAsync("/ping");
                await response.Content.LoadIntoBufferAsync();
                return response.IsSuccessStatusCode ? null : ((int)response.StatusCode).ToString();
            }), log);
        }
        finally
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }

            if (child is { HasExited: false })
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync();
            }

            child?.Dispose();
        }
    }

    private static async Task<MemoryResult> MemoryInChildAsync(BenchOptions options, Action<string> log)
    {
        using var child = StartSelf(["memory", options.MemoryDevices.ToString(), options.MemoryUsersPerDevice.ToString()], redirect: true);
        MemoryResult? result = null;
        try
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("RESULT ", StringComparison.Ordinal))
                {
                    result = JsonSerializer.Deserialize(line["RESULT ".Length..], BenchJson.Default.MemoryResult);
                }
                else
                {
                    log(line);
                }
            }

            await child.WaitForExitAsync();
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }
        }

        return result ?? throw new InvalidOperationException($"the memory host exited with {child.ExitCode} and no result");
    }

    private static Process StartSelf(string[] args, bool redirect)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = redirect };
        start.ArgumentList.Add(typeof(BenchRunner).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start " + string.Join(' ', args));
    }

    private static async Task WaitUntilUpAsync(HttpClient http, string path, Process? child)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until && child is not { HasExited: true })
            {
            }

            await Task.Delay(100);
        }
    }

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
