using System.Net.Sockets;
using System.Reflection;
using OrleansSessions.TestSupport;

namespace OrleansSessions.MultiProcess.Tests;

/// <summary>
/// Azurite (keeping its data in a folder, so it outlives the silos), Redis for membership (or, with the
/// <c>azuretable</c> membership, Azurite for that too), and silo and gateway processes started from their build
/// outputs with the settings deploy/local/start-cluster.sh gives them, each on free loopback ports.
/// Disposing it kills every process it started, by pid, whatever happened; so does the test process's exit.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    public const string RedisMembership = "redis";
    public const string AzureTableMembership = "azuretable";

    public const string AdminKey = "multi-process-admin-key-5e2a";

    /// <summary>The test assembly's configuration (Debug or Release): the silo and gateway are built in the same one.</summary>
    internal static readonly string Configuration =
        typeof(ProcessCluster).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private readonly RedisServer _redis = new();
    private readonly string _azuriteData = Directory.CreateTempSubdirectory("multi-process-azurite-").FullName;
    private readonly int _tablePort = FreePort.Next();
    private readonly List<(string Role, RecordedProcess Process)> _processes = [];
    private RecordedProcess? _azurite;
    private readonly string _membership;
    private bool _disposed;
    private int _generation;

    /// <summary>A cluster of the given membership: <see cref="RedisMembership"/> or <see cref="AzureTableMembership"/>.</summary>
    public ProcessCluster(string membership = RedisMembership)
    {
        _membership = membership;
        AppDomain.CurrentDomain.ProcessExit += KillEverything;
    }

    public List<RecordedProcess> Silos { get; } = [];

    public List<Uri> Gateways { get; } = [];

    /// <summary>The last lines of every process's output, to explain a failure.</summary>
    public string Logs => string.Join("\n", _processes.Select(p =>
        $"---- {p.Role} (pid {p.Process.Id}{(p.Process.HasExited ? $", exited {p.Process.ExitCode}" : "")})\n"
        + string.Join("\n", p.Process.Output.Split('\n').TakeLast(30))));

    public async Task StartStorageAsync()
    {
        if (_membership == RedisMembership)
        {
            await _redis.InitializeAsync();
        }

        var azurite = Path.Combine(RepositoryRoot.Path, "deploy", "azurite");
        var tableMain = Path.Combine(azurite, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(tableMain))
        {
            await RecordedProcess.RunAsync("sh", [Path.Combine(azurite, "install.sh")], azurite, TimeSpan.FromMinutes(5));
        }

        _azurite = Track("azurite", RecordedProcess.Start("node", [
            tableMain, "--location", _azuriteData, "--tableHost", "127.0.0.1", "--tablePort", _tablePort.ToString(),
            "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry"], _azuriteData));
        await WaitForPortAsync(_tablePort, _azurite);
    }

    /// <summary>
    /// Starts silos and gateways as a new cluster (a new cluster id, so Redis membership starts empty) over the same
    /// grain state (the same service id in the same Azurite), and waits until every gateway is ready.
    /// </summary>
    public async Task StartAsync(int silos, int gateways)
    {
        var clusterId = $"multi-process-{++_generation}-{Guid.NewGuid():N}";
        var started = new List<RecordedProcess>();
        for (var i = 0; i < silos; i++)
        {
            started.Add(Start($"silo-{i} of cluster {_generation}", "Silo", [], clusterId, new()
            {
                ["Cluster__AzureTableStorage"] = AzuriteFixture.ConnectionStringFor(_tablePort),
                ["Cluster__SiloPort"] = FreePort.Next().ToString(),
                ["Cluster__GatewayPort"] = FreePort.Next().ToString(),
            }));
            Silos.Add(started[^1]);
        }

        for (var i = 0; i < gateways; i++)
        {
            var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
            started.Add(Start($"gateway-{i} of cluster {_generation}", "Gateway", ["--urls", address.ToString()], clusterId, new()
            {
                ["Sessions__AdminApiKey"] = AdminKey,
                ["Sessions__RateLimits__PerAddressPerSecond"] = "0", // all the load comes from 127.0.0.1
            }));
            Gateways.Add(address);
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

    /// <summary>Kills (SIGKILL) every silo and gateway, as a whole-cluster crash; Redis and Azurite stay.</summary>
    public async Task KillSilosAndGatewaysAsync()
    {
        foreach (var (_, process) in _processes.Where(p => p.Process != _azurite))
        {
            await process.KillAsync();
        }

        Silos.Clear();
        Gateways.Clear();
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
        try
        {
            Directory.Delete(_azuriteData, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temporary folder is left behind.
        }
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

    private RecordedProcess Start(string role, string project, string[] arguments, string clusterId, Dictionary<string, string> settings)
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
            settings["Cluster__AzureTableStorage"] = AzuriteFixture.ConnectionStringFor(_tablePort);
        }

        settings["Cluster__ClusterId"] = clusterId;
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

    private static async Task WaitForPortAsync(int port, RecordedProcess process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException exception)
            {
                throw new InvalidOperationException($"Nothing listens on port {port}:\n{process.Output}", exception);
            }
        }
    }
}
