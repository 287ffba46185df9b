using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace OrleansSessions.TestSupport;

/// <summary>
/// The real gateway (embedded mode: a co-hosted silo with in-memory storage, unless the settings say otherwise) on Kestrel on a loopback port, reached
/// over real HTTP. One is started per configuration and shared by a test collection. Everything it logs is kept, at
/// every level; when it stops, the collection fails if it logged an error (an unhandled exception: a 5xx) or if any
/// secret the tests saw (<see cref="Secrets"/>) appears in any log line.
/// </summary>
public abstract class GatewayHost : IAsyncLifetime
{
    public const string AdminKey = "gateway-tests-admin-key-8d41e7";

    private WebApplicationFactory<Program>? _factory;
    private Mailbox? _emails;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every password, token and key the tests sent, received or had mailed; none may reach the log.</summary>
    public ConcurrentDictionary<string, byte> Secrets { get; } = new() { [AdminKey] = 0 };

    /// <summary>The emails this gateway delivered (by default, to a pickup directory of its own).</summary>
    public Mailbox Emails => _emails ??= NewMailbox();

    public GatewayLog Log { get; } = new();

    /// <summary>The running gateway's services, for tests that drive one of its parts directly.</summary>
    public IServiceProvider Services => _factory!.Services;

    /// <summary>The settings beyond the admin key and the ports (configuration keys, as in API.md).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <summary>The address Kestrel binds (loopback unless overridden); the tests reach it over loopback.</summary>
    protected virtual IPAddress ListenAddress => IPAddress.Loopback;

    /// <summary>Where this gateway's emails go: a pickup directory of its own unless overridden.</summary>
    protected virtual Mailbox NewMailbox() => new PickupMailbox(NoteSecret);

    /// <summary>Replaces or adds services of this gateway.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Adds a secret that must never be logged.</summary>
    public void NoteSecret(string secret)
    {
        if (secret.Length >= SecretRecorder.MinimumSecretLength)
        {
            Secrets.TryAdd(secret, 0);
        }
    }

    /// <summary>
    /// A client of this gateway that notes every secret it sends or receives; <paramref name="outer"/> sees each
    /// request first. It follows redirects unless told not to, and connects from <paramref name="from"/> (another
    /// loopback address, as another client) when given.
    /// </summary>
    public HttpClient NewHttpClient(DelegatingHandler? outer = null, bool followRedirects = true, IPAddress? from = null)
    {
        HttpMessageHandler handler = new SecretRecorder(this)
        {
            InnerHandler = new SocketsHttpHandler
            {
                AllowAutoRedirect = followRedirects,
                ConnectCallback = from is null ? null : (context, cancellation) => ConnectFrom(from, context.DnsEndPoint, cancellation),
            },
        };
        if (outer is not null)
        {
            outer.InnerHandler = handler;
            handler = outer;
        }

        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    private static async ValueTask<Stream> ConnectFrom(IPAddress from, DnsEndPoint to, CancellationToken cancellation)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Bind(new IPEndPoint(from, 0));
        await socket.ConnectAsync(to, cancellation);
        return new NetworkStream(socket, ownsSocket: true);
    }

    public virtual async Task InitializeAsync()
    {
        // The silo's ports are chosen free just before it binds them; another process may take one meanwhile.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartAsync();
                return;
            }
            catch (Exception) when (attempt < 3)
            {
                await StopAsync();
                Log.Clear();
            }
        }
    }

    public virtual async Task DisposeAsync()
    {
        await StopAsync();
        await Emails.DisposeAsync();
        var errors = Log.Lines.Where(line => line.Level >= LogLevel.Error).ToList();
        var leaks = SearchValues.Create([.. Secrets.Keys], StringComparison.Ordinal);
        var leaking = Log.Lines.Where(line => line.Text.AsSpan().IndexOfAny(leaks) >= 0).ToList();

        // The leaking lines are described, not shown: they hold the secret.
        Assert.True(
            errors.Count == 0 && leaking.Count == 0,
            $"The gateway logged {errors.Count} errors:\n{string.Join("\n", errors.Take(5))}\n"
            + $"and {leaking.Count} lines holding a secret: {string.Join(", ", leaking.Take(5).Select(line => $"{line.Level} {line.Category}"))}");
    }

    private async Task StartAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Sessions:AdminApiKey", AdminKey);
            web.UseSetting("Sessions:Dashboard:Enabled", "false");
            web.UseSetting("Embedded:Storage", "memory"); // parallel collections must not share a data directory
            web.UseSetting("Embedded:SiloPort", FreePort.Next().ToString());
            web.UseSetting("Embedded:GatewayPort", FreePort.Next().ToString());
            web.UseSetting("Sessions:Email:ConfirmationUrl", Mailbox.ConfirmationUrl.ToString());
            web.UseSetting("Sessions:Email:ResetUrl", Mailbox.ResetUrl.ToString());
            web.UseSetting("Sessions:Email:RetryDelay", "00:00:00.200");
            foreach (var (key, value) in Emails.Settings.Concat(Settings))
            {
                web.UseSetting(key, value);
            }

            // A rule of this provider's own outranks the configured levels (appsettings.json): every level is kept.
            web.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Log).AddFilter<GatewayLog>(null, LogLevel.Trace));
            web.ConfigureTestServices(ConfigureServices);
        });
        _factory.UseKestrel(kestrel => kestrel.Listen(ListenAddress, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new UriBuilder(addresses.Addresses.Single()) { Host = IPAddress.Loopback.ToString() }.Uri;

        using var http = NewHttpClient();
        (await http.GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    private async Task StopAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory = null;
        }
    }
}
