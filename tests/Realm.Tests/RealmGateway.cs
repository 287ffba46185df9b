using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansSessions.Gateway.Email;
using OrleansSessions.TestSupport;

namespace OrleansSessions.Realm.Tests;

/// <summary>
/// The real gateway (embedded: a co-hosted silo, in-memory storage) on Kestrel on a loopback port, with the Realm API
/// on for <see cref="AppId"/>. When it stops, the collection fails if it logged an error or any secret a test saw
/// (<see cref="NoteSecret"/>): the passwords and tokens of the raw-HTTP tests and of the realm-web scripts.
/// </summary>
public abstract class RealmGateway : IAsyncLifetime
{
    public const string AppId = "realm-tests-app";
    public const string AdminKey = "realm-tests-admin-key-41c09e";
    public const string AllowedOrigin = "https://app.example.test";

    private WebApplicationFactory<Program>? _factory;

    private readonly ConcurrentDictionary<string, byte> _secrets = new() { [AdminKey] = 0 };

    public Uri BaseAddress { get; private set; } = null!;

    public RealmGatewayLog Log { get; } = new();

    public RealmMailbox Mailbox { get; }

    protected RealmGateway() => Mailbox = new RealmMailbox(NoteSecret);

    /// <summary>Settings beyond the admin key, the app id, the allowed origin and the ports.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public void NoteSecret(string secret)
    {
        if (secret.Length >= 8)
        {
            _secrets.TryAdd(secret, 0);
        }
    }

    /// <summary>A client of the gateway that sends the admin key.</summary>
    public HttpClient NewAdminClient()
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
        return client;
    }

    public HttpClient NewClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Sessions:AdminApiKey", AdminKey);
            web.UseSetting("Sessions:Dashboard:Enabled", "false");
            web.UseSetting("Sessions:Realm:AppId", AppId);
            web.UseSetting("Sessions:Realm:AllowedOrigins:0", AllowedOrigin);
            web.UseSetting("Embedded:SiloPort", FreePort.Next().ToString());
            web.UseSetting("Embedded:GatewayPort", FreePort.Next().ToString());
            foreach (var (key, value) in Settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Log).AddFilter<RealmGatewayLog>(null, LogLevel.Trace));
            web.ConfigureTestServices(services => services.AddSingleton<IEmailSender>(Mailbox));
        });
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.Single());
        using var http = NewClient();
        (await http.GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        var errors = Log.Lines.Where(line => line.Level >= LogLevel.Error).ToList();
        var leaking = Log.Lines.Where(line => _secrets.Keys.Any(secret => line.Text.Contains(secret, StringComparison.Ordinal))).ToList();
        Assert.True(
            errors.Count == 0 && leaking.Count == 0,
            $"The gateway logged {errors.Count} errors:\n{string.Join("\n", errors.Take(5))}\n"
            + $"and {leaking.Count} lines holding a secret: {string.Join(", ", leaking.Take(5).Select(line => $"{line.Level} {line.Category}"))}");
    }
}
