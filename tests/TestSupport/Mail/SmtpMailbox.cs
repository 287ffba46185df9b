using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace OrleansSessions.TestSupport;

/// <summary>
/// A real SMTP server (the SmtpServer package) in the test process on a loopback port, plain text, no
/// authentication. It can be stopped and started again on the same port, to play an outage.
/// </summary>
public sealed class SmtpMailbox(Action<string> noteSecret) : Mailbox(noteSecret)
{
    private readonly ConcurrentQueue<MimeMessage> _delivered = new();
    private SmtpServer.SmtpServer? _server;

    public int Port { get; } = FreePort.Next();

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:Email:Smtp:Host"] = IPAddress.Loopback.ToString(),
        ["Sessions:Email:Smtp:Port"] = Port.ToString(),
        ["Sessions:Email:Smtp:Tls"] = "none",
        ["Sessions:Email:Smtp:Timeout"] = "00:00:05",
    };

    public override IReadOnlyList<MimeMessage> Delivered => [.. _delivered];

    public bool IsRunning => _server is not null;

    /// <summary>Starts the server and returns once it accepts connections.</summary>
    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _ = _server.StartAsync(CancellationToken.None);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); ; await Task.Delay(20))
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    /// <summary>Stops the server: connections to its port are refused until it starts again.</summary>
    public async Task StopAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            server.Shutdown();
            await server.ShutdownTask;
        }
    }

    public override async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(SmtpMailbox mailbox) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            mailbox.Received(message);
            mailbox._delivered.Enqueue(message);
            return SmtpResponse.Ok;
        }
    }
}
