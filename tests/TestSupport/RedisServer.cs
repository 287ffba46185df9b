using System.Net.Sockets;
using Xunit;

namespace OrleansSessions.TestSupport;

/// <summary>
/// A Redis server of the tests' own, on a free loopback port, keeping nothing on disk; installed first through
/// <c>deploy/redis/install.sh</c> if missing, and killed at the end.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private RecordedProcess? _redis;
    private string? _directory;

    public int Port { get; } = FreePort.Next();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        await RecordedProcess.RunAsync(
            "sh", [Path.Combine(RepositoryRoot.Path, "deploy", "redis", "install.sh")], RepositoryRoot.Path, TimeSpan.FromMinutes(5));
        _directory = Directory.CreateTempSubdirectory("redis-").FullName;
        _redis = RecordedProcess.Start(
            "redis-server",
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory],
            _directory);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await AnswersAsync())
        {
            if (_redis.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Redis did not start on port {Port}:\n{_redis.Output}");
            }

            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
