using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Azure.Data.Tables;
using Xunit;

namespace OrleansSessions.Persistence.AzureTable.Tests;

/// <summary>
/// An Azurite table service for the tests: the one named by <c>AZURITE_TABLE_CONNECTION_STRING</c> if set, else one
/// this fixture starts (in memory, on a free port) from <c>deploy/azurite</c>, installing it first if needed, and
/// stops at the end.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string ConnectionStringVariable = "AZURITE_TABLE_CONNECTION_STRING";

    // Azurite's well-known development account key; it is public and grants nothing outside the emulator.
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    private readonly StringBuilder output = new();
    private Process? azurite;
    private string? workDirectory;

    /// <summary>The connection string of the table service.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>A client of the table service.</summary>
    public TableServiceClient CreateClient() => new(ConnectionString);

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } configured)
        {
            ConnectionString = configured;
            await WaitUntilAnsweringAsync();
            return;
        }

        var azuriteDirectory = Path.Combine(FindRepositoryRoot(), "deploy", "azurite");
        var tableMain = Path.Combine(azuriteDirectory, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(tableMain))
        {
            await RunAsync("sh", [Path.Combine(azuriteDirectory, "install.sh")], azuriteDirectory, InstallTimeout);
        }

        var port = FreePort();
        workDirectory = Directory.CreateTempSubdirectory("azurite-table-").FullName;
        azurite = Start("node", [
            tableMain, "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
            "--tableHost", "127.0.0.1", "--tablePort", port.ToString()], workDirectory);
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            + $"AccountKey={DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        await WaitUntilAnsweringAsync();
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (azurite is not null)
        {
            if (!azurite.HasExited)
            {
                azurite.Kill(entireProcessTree: true);
            }

            await azurite.WaitForExitAsync();
            azurite.Dispose();
        }

        if (workDirectory is not null)
        {
            Directory.Delete(workDirectory, recursive: true);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrleansSessions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No OrleansSessions.sln above {AppContext.BaseDirectory}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Process Start(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"Could not start '{fileName}'; Azurite needs Node.js and npm on the PATH.", exception);
        }

        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private async Task RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        using var process = Start(fileName, arguments, workingDirectory);
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}:\n{Output()}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{Output()}");
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
                if (azurite is { HasExited: true })
                {
                    throw new InvalidOperationException($"Azurite exited with code {azurite.ExitCode}:\n{Output()}", exception);
                }

                if (deadline.Elapsed > StartTimeout)
                {
                    throw new TimeoutException($"The Azurite table service did not answer within {StartTimeout}:\n{Output()}", exception);
                }

                await Task.Delay(100);
            }
        }
    }
}
