using System.Reflection;
using OrleansSessions.TestSupport;

namespace OrleansSessions.MultiProcess.Tests;

/// <summary>
/// Azurite (keeping its data in a folder, so it outlives the silos), Redis for membership (or, with the
/// <c>azuretable</c> membership, Azurite for that too), and silo and gateway processes started from their build
/// outputs with the settings deploy/local/start-cluster.sh gives them, each on free loopback ports.
/// <see cref="StopAsync"/> stops them all as deploy/local/stop-cluster.sh does. Disposing it kills every process it
/// started, by pid, whatever happened; so does the test process's exit.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    public const string RedisMembership = "redis";
    public const string AzureTableMembership = "azuretable";

    public const string AdminKey = "multi-process-admin-key-5e2a";

    /// <summary>The test assembly's configuration (Debug or Release): the silo and gateway are built in the same one.</summary>
    internal static readonly string Configuration =
        typeof(ProcessCluster).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(180); // a busy machine
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    private readonly RedisServer _redis = new();
    private readonly AzuriteFolder _storage = new();
    private readonly List<(string Role, RecordedProcess Process)> _processes = [];
    private RecordedProcess? _azurite;
    private readonly string _membership;
    private bool _disposed;
    private bool _redisStarted;
    private int _generation;
    private string _clusterId = "";

    /// <summary>A cluster of the given membership: <see cref="RedisMembership"/> or <see cref="AzureTableMembership"/>.</summary>
    public ProcessCluster(string membership = RedisMembership)
    {
        _membership = membership;
        AppDomain.CurrentDomain.ProcessExit += KillEverything;
    }

    public List<RecordedProcess> Silos { get; } = [];

    public List<Uri> Gateways { get; } = [];

    /// <summary>The gateway processes, in the order of <see cref="Gateways"/>.</summary>
    public List<RecordedProcess> GatewayProcesses { get; } = [];

    /// <summary>The last lines of every process's output, to explain a failure.</summary>
    public string Logs => string.Join("\n", _processes.Select(p =>
        $"---- {p.Role} (pid {p.Process.Id}{(p.Process.HasExited ? $", exited {p.Process.ExitCode}" : "")})\n"
        + string.Join("\n", p.Process.Output.Split('\n').TakeLast(30))));

    /// <summary>Starts Redis (once) and Azurite over the same folder and port as before, if it was stopped.</summary>
    public async Task StartStorageAsync()
    {
        if (_membership == RedisMembership && !_redisStarted)
        {
            await _redis.InitializeAsync();
            _redisStarted = true;
        }

        _azurite = Track(_azurite is null ? "azurite" : "azurite restarted", await _storage.StartAsync());
    }

    /// <summary>
    /// Starts silos and gateways as a new cluster (a new cluster id, so Redis membership starts empty) over the same
    /// grain state (the same service id in the same Azurite), and waits until every gateway is ready.
    /// </summary>
    public async Task StartAsync(int silos, int gateways)
    {
        _clusterId = $"multi-process-{++_generation}-{Guid.NewGuid():N}";
        var started = new List<RecordedProcess>();
        for (var i = 0; i < silos; i++)
        {
            started.Add(StartSilo());
        }

        for (var i = 0; i < gateways; i++)
        {
            var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
            started.Add(Start($"gateway-{i} of cluster {_generation}", "Gateway", ["--urls", address.ToString()], new()
            {
                ["Sessions__AdminApiKey"] = AdminKey,
                ["Sessions__RateLimits__PerAddressPerSecond"] = "0", // all the load comes from 127.0.0.1
                ["Sessions__RateLimits__PerAddressConcurrentPasswordChecks"] = "0",
            }));
            Gateways.Add(address);
            GatewayProcesses.Add(started[^1]);
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        foreach (var gateway in Gateways)
        {
            while (!await IsReadyAsync(http, gateway))
            {
                if (DateTime.UtcNow > deadline || started.Any(process => process.HasExited))
                {
                    throw new TimeoutException(
                        $"{gateway} was not ready within {ReadyTimeout.TotalSeconds:F0} s, or a process exited:\n{Logs}");
                }

                await Task.Delay(250);
            }
        }
    }

    /// <summary>
    /// Starts one more silo in the running cluster and waits until it has started. A silo that exits at start (on a
    /// busy machine its first call to storage may time out) is started again, as its supervisor would.
    /// </summary>
    public async Task<RecordedProcess> AddSiloAsync()
    {
        var silo = StartSilo();
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (!silo.Output.Contains("Application started", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The new silo did not start within {ReadyTimeout.TotalSeconds:F0} s:\n{silo.Output}");
            }

            silo = silo.HasExited ? StartSilo() : silo;
            await Task.Delay(250);
        }

        return silo;
    }

    /// <summary>
    /// Stops the whole cluster as deploy/local/stop-cluster.sh does: gateways, then silos, then Azurite, each with
    /// Ctrl+C (SIGINT) and waiting for it to exit. Only so does Azurite save the tables it holds in memory: the
    /// writes acknowledged just before must be there after it starts again.
    /// </summary>
    public async Task StopAsync()
    {
        foreach (var process in GatewayProcesses.Concat(Silos).Append(_azurite!))
        {
            await process.InterruptAsync(StopGrace);
        }

        Silos.Clear();
        Gateways.Clear();
        GatewayProcesses.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= KillEverything;
        foreach (var (_, process) in _processes)
        {
            try
            {
                await process.DisposeAsync();
            }
            catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }

        await _redis.DisposeAsync();
        KeepLogs();
        _storage.Delete();
    }

    /// <summary>Every process's whole output goes to .local/test-results/multi-process/, to read after a run.</summary>
    private void KeepLogs()
    {
        var logs = Path.Combine(RepositoryRoot.Path, ".local", "test-results", "multi-process");
        Directory.CreateDirectory(logs);
        foreach (var (role, process) in _processes)
        {
            var name = new string(role.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '-').ToArray());
            File.WriteAllText(Path.Combine(logs, $"{name}.log"), process.Output);
        }
    }

    private RecordedProcess StartSilo()
    {
        var silo = Start($"silo-{Silos.Count} of cluster {_generation}", "Silo", [], new()
        {
            ["Cluster__AzureTableStorage"] = _storage.ConnectionString,
            ["Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(),
            ["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information", // suspicions, votes, deaths
        });
        Silos.Add(silo);
        return silo;
    }

    private RecordedProcess Start(string role, string project, string[] arguments, Dictionary<string, string> settings)
    {
        var directory = Path.Combine(RepositoryRoot.Path, "src", project, "bin", Configuration, "net10.0");
        var dll = Path.Combine(directory, $"OrleansSessions.{project}.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: build src/{project} in {Configuration} first (building this test project does).");
        }

        if (_membership == RedisMembership)
        {
            settings["Cluster__Redis"] = _redis.ConnectionString;
        }
        else
        {
            settings["Cluster__Membership"] = _membership;
            settings["Cluster__AzureTableStorage"] = _storage.ConnectionString;
        }

        settings["Cluster__ClusterId"] = _clusterId;
        settings["Cluster__ServiceId"] = "multi-process";
        settings["DOTNET_ENVIRONMENT"] = settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        settings["DOTNET_gcServer"] = "0"; // five .NET processes share the machine
        return Track(role, RecordedProcess.Start("dotnet", [dll, .. arguments], directory, settings));
    }

    private RecordedProcess Track(string role, RecordedProcess process)
    {
        _processes.Add((role, process));
        return process;
    }

    /// <summary>The last resort when the test process ends without disposing (a cancelled run): no child outlives it.</summary>
    private void KillEverything(object? sender, EventArgs e)
    {
        foreach (var (_, process) in _processes)
        {
            try
            {
                process.KillAsync().Wait(TimeSpan.FromSeconds(5));
            }
            catch (Exception exception) when (exception is InvalidOperationException or AggregateException)
            {
                // Already gone.
            }
        }

        _redis.DisposeAsync().Wait(TimeSpan.FromSeconds(5));
    }

    private static async Task<bool> IsReadyAsync(HttpClient http, Uri gateway)
    {
        try
        {
            return (await http.GetAsync(new Uri(gateway, "/health/ready"))).IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
