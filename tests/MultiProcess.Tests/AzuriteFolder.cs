using System.Net.Sockets;
using OrleansSessions.TestSupport;

namespace OrleansSessions.MultiProcess.Tests;

/// <summary>
/// Azurite's table service keeping its tables in a folder of its own, on one port: started again after a stop, it
/// serves what it had saved. It holds the tables in memory and saves them every few seconds, and on exit only when
/// stopped with SIGINT (<see cref="RecordedProcess.InterruptAsync"/>).
/// </summary>
public sealed class AzuriteFolder
{
    private readonly int _port = FreePort.Next();

    public string Folder { get; } = Directory.CreateTempSubdirectory("multi-process-azurite-").FullName;

    public string ConnectionString => AzuriteFixture.ConnectionStringFor(_port);

    /// <summary>Starts Azurite over the folder (installing it first if needed) and waits until it listens.</summary>
    public async Task<RecordedProcess> StartAsync()
    {
        var azurite = Path.Combine(RepositoryRoot.Path, "deploy", "azurite");
        var tableMain = Path.Combine(azurite, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(tableMain))
        {
            await RecordedProcess.RunAsync("sh", [Path.Combine(azurite, "install.sh")], azurite, TimeSpan.FromMinutes(5));
        }

        var process = RecordedProcess.Start("node", [
            tableMain, "--location", Folder, "--tableHost", "127.0.0.1", "--tablePort", _port.ToString(),
            "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry"], Folder);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", _port);
                return process;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException exception)
            {
                throw new InvalidOperationException($"Azurite does not listen on port {_port}:\n{process.Output}", exception);
            }
        }
    }

    /// <summary>Deletes the folder, unless a file in it is still held open.</summary>
    public void Delete()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The temporary folder is left behind.
        }
    }
}
