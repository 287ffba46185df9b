using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansSessions.Gateway.Email;
using OrleansSessions.TestSupport;

namespace OrleansSessions.Http.Tests;

/// <summary>
/// The real gateway, embedded mode (a co-hosted silo), on Kestrel on a loopback port, reached over real HTTP.
/// Its logs are captured; when it stops, no secret that any test saw may appear in them.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-3b9f0c1e";

    private readonly WebApplicationFactory<Program> _factory = new();
    private WebApplicationFactory<Program>? _gateway;

    public CapturedLogs Logs { get; } = new();

    public CapturedEmails Emails { get; } = new();

    /// <summary>Every password and token the tests sent or received, none of which may be logged.</summary>
    public ConcurrentBag<string> Secrets { get; } = [AdminKey];

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The running gateway's services, for tests that drive one of its parts with a clock of their own.</summary>
    public IServiceProvider Services => _gateway!.Services;

    /// <summary>The settings of this gateway, beyond the admin key; subclasses add theirs.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <summary>Replaces or adds services of this gateway; subclasses override it.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public Api Api() => new(new HttpClient { BaseAddress = BaseAddress }, this);

    public HttpClient Client() => new() { BaseAddress = BaseAddress };

    public virtual async Task InitializeAsync()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        _gateway = _factory.WithWebHostBuilder(web =>
        {
            web.UseSetting("urls", BaseAddress.ToString());
            web.UseSetting("Sessions:AdminApiKey", AdminKey);
            web.UseSetting("Sessions:Dashboard:Enabled", "false");
            web.UseSetting("Embedded:SiloPort", FreePort.Next().ToString());
            web.UseSetting("Embedded:GatewayPort", FreePort.Next().ToString());
            foreach (var (key, value) in Settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<IEmailSender>(Emails);
                ConfigureServices(services);
            });
        });
        _gateway.UseKestrel();
        _gateway.StartServer();
        using var client = Client();
        (await client.GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    public virtual async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        await _factory.DisposeAsync();
        var leaked = Secrets.Where(secret => Logs.Lines.Any(line => line.Contains(secret, StringComparison.Ordinal))).ToList();
        Assert.True(leaked.Count == 0, $"{leaked.Count} secrets reached the log, e.g. one {leaked.FirstOrDefault()?.Length} characters long.");
    }
}
