using System.Diagnostics;
using Azure.Data.Tables;
using Xunit;

namespace OrleansSessions.TestSupport;

/// <summary>
/// An Azurite table service for the tests: the one named by <c>AZURITE_TABLE_CONNECTION_STRING</c> if set, else one
/// this fixture starts (in memory, on a free port) from <c>deploy/azurite</c>, installing it first if needed, and
/// stops at the end.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string ConnectionStringVariable = "AZURITE_TABLE_CONNECTION_STRING";

    /// <summary>Azurite's well-known development account key; it is public and grants nothing outside the emulator.</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    private RecordedProcess? _azurite;
    private string? _workDirectory;

    /// <summary>The connection string of the table service.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>A client of the table service.</summary>
    public TableServiceClient CreateClient() => new(ConnectionString);

    public static string ConnectionStringFor(int port) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
        + $"AccountKey={DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } configured)
        {
            ConnectionString = configured;
            await WaitUntilAnsweringAsync();
            return;
        }

        var azuriteDirectory = Path.Combine(RepositoryRoot.Path, "deploy", "azurite");
        var tableMain = Path.Combine(azuriteDirectory, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(tableMain))
        {
            await RecordedProcess.RunAsync("sh", [Path.Combine(azuriteDirectory, "install.sh")], azuriteDirectory, InstallTimeout);
        }

        var port = FreePort.Next();
        _workDirectory = Directory.CreateTempSubdirectory("azurite-table-").FullName;
        _azurite = RecordedProcess.Start("node", [
            tableMain, "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
            "--tableHost", "127.0.0.1", "--tablePort", port.ToString()], _workDirectory);
        ConnectionString = ConnectionStringFor(port);
        await WaitUntilAnsweringAsync();
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.InterruptAsync(StopTimeout); // as Azurite should always be stopped: it saves only on SIGINT
            await _azurite.DisposeAsync();
        }

        if (_workDirectory is not null)
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var client = new TableServiceClient(ConnectionString, new TableClientOptions { Retry = { MaxRetries = 0 } });
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await client.GetPropertiesAsync();
                return;
            }
            catch (Azure.RequestFailedException exception)
            {
                if (_azurite is { HasExited: true })
                {
                    throw new InvalidOperationException($"Azurite exited with code {_azurite.ExitCode}:\n{_azurite.Output}", exception);
                }

                if (deadline.Elapsed > StartTimeout)
                {
                    throw new TimeoutException(
                        $"The Azurite table service did not answer within {StartTimeout}:\n{_azurite?.Output}", exception);
                }

                await Task.Delay(100);
            }
        }
    }
}
