using OrleansSessions.TestSupport;

namespace OrleansSessions.MultiProcess.Tests;

/// <summary>
/// Azurite (keeping its data on disk), Redis, and silo and gateway processes started from their build outputs, as
/// deploy/local/start-cluster.sh starts them. It kills every process it started when disposed, whatever happened.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    public const string AdminKey = "multi-process-admin-key-5e2a";

    private static readonly string Configuration =
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    private readonly RedisServer _redis = new();
    private readonly string _azuriteData = Directory.CreateTempSubdirectory("azurite-data-").FullName;
    private readonly int _tablePort = FreePort.Next();
    private readonly List<RecordedProcess> _all = [];
    private RecordedProcess? _azurite;
    private string _clusterId = "";

    public List<RecordedProcess> Silos { get; } = [];

    public List<Uri> Gateways { get; } = [];

    public string Logs => string.Join("\n----\n", _all.Select(p => p.Output));

    public async Task StartStorageAsync()
    {
        await _redis.InitializeAsync();
        var tableMain = Path.Combine(RepositoryRoot.Path, "deploy", "azurite", "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(tableMain))
        {
            await RecordedProcess.RunAsync("sh", [Path.Combine(RepositoryRoot.Path, "deploy", "azurite", "install.sh")], RepositoryRoot.Path, TimeSpan.FromMinutes(5));
        }

        _azurite = Track(RecordedProcess.Start("node", [
            tableMain, "--location", _azuriteData, "--tableHost", "127.0.0.1", "--tablePort", _tablePort.ToString(),
            "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry"], _azuriteData));
        await WaitForPort(_tablePort);
    }

    /// <summary>Starts silos and gateways as a new cluster over the same storage, and waits until every gateway is ready.</summary>
    public async Task StartAsync(int silos, int gateways)
    {
        _clusterId = $"mp-{Guid.NewGuid():N}";
        for (var i = 0; i < silos; i++)
        {
            Silos.Add(Track(Start("Silo", "OrleansSessions.Silo.dll", [], new()
            {
                ["Cluster__AzureTableStorage"] = AzuriteFixture.ConnectionStringFor(_tablePort),
                ["Cluster__SiloPort"] = FreePort.Next().ToString(),
                ["Cluster__GatewayPort"] = FreePort.Next().ToString(),
            })));
        }

        for (var i = 0; i < gateways; i++)
        {
            var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
            Track(Start("Gateway", "OrleansSessions.Gateway.dll", ["--urls", address.ToString()], new()
            {
                ["Sessions__AdminApiKey"] = AdminKey,
                ["Sessions__RateLimits__PerAddressPerSecond"] = "0",
            }));
            Gateways.Add(address);
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var gateway in Gateways)
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (!await IsReady(http, gateway))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{gateway} was not ready within 120 s:\n{Logs}");
                }

                await Task.Delay(500);
            }
        }
    }

    /// <summary>Kills every silo and gateway (storage stays), as a whole-cluster crash.</summary>
    public async Task StopSilosAndGatewaysAsync()
    {
        foreach (var process in _all.Where(p => p != _azurite).ToList())
        {
            await process.KillAsync();
        }

        Silos.Clear();
        Gateways.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _all)
        {
            await process.DisposeAsync();
        }

        await _redis.DisposeAsync();
        Directory.Delete(_azuriteData, recursive: true);
    }

    private RecordedProcess Start(string project, string dll, string[] arguments, Dictionary<string, string> settings)
    {
        var directory = Path.Combine(RepositoryRoot.Path, "src", project, "bin", Configuration, "net10.0");
        settings["Cluster__Redis"] = _redis.ConnectionString;
        settings["Cluster__ClusterId"] = _clusterId;
        settings["Cluster__ServiceId"] = "multi-process";
        settings["DOTNET_gcServer"] = "0";
        return RecordedProcess.Start("dotnet", [Path.Combine(directory, dll), .. arguments], directory, settings);
    }

    private RecordedProcess Track(RecordedProcess process)
    {
        _all.Add(process);
        return process;
    }

    private static async Task<bool> IsReady(HttpClient http, Uri gateway)
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

    private static async Task WaitForPort(int port)
    {
        for (var i = 0; i < 120; i++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(250);
            }
        }

        throw new TimeoutException($"nothing listens on port {port}");
    }
}
