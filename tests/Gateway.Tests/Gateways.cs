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
using OrleansSessions.Gateway.Email;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Gateway.Tests;

/// <summary>
/// The real gateway (embedded mode: a co-hosted silo with in-memory storage) on Kestrel on a loopback port, reached
/// over real HTTP. One is started per configuration and shared by a test collection. Every error the gateway logs
/// (an unhandled exception: a 5xx) fails the collection when the gateway stops.
/// </summary>
public abstract class GatewayHost : IAsyncLifetime
{
    public const string AdminKey = "gateway-tests-admin-key-8d41e7";

    private WebApplicationFactory<Program>? _factory;

    public Uri BaseAddress { get; private set; } = null!;

    public CapturingEmailSender Emails { get; } = new();

    public ErrorLog Errors { get; } = new();

    /// <summary>The settings beyond the admin key and the ports (configuration keys, as in API.md).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public Api NewApi() => new(new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) });

    public async Task InitializeAsync()
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
            }
        }
    }

    private async Task StartAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Sessions:AdminApiKey", AdminKey);
            web.UseSetting("Sessions:Dashboard:Enabled", "false");
            web.UseSetting("Embedded:SiloPort", FreePort().ToString());
            web.UseSetting("Embedded:GatewayPort", FreePort().ToString());
            foreach (var (key, value) in Settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddProvider(Errors));
            web.ConfigureTestServices(services => services.AddSingleton<IEmailSender>(Emails));
        });
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.Single());

        using var api = NewApi();
        var ready = await api.Http.GetAsync("/health/ready");
        ready.EnsureSuccessStatusCode();
    }

    private async Task StopAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory = null;
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        var errors = Errors.Entries;
        await StopAsync();
        Assert.True(errors.Count == 0, "The gateway logged errors:\n" + string.Join("\n", errors.Take(5)));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Every default of API.md, with an admin key.</summary>
public sealed class DefaultGateway : GatewayHost;

/// <summary>The safer settings: email confirmation, no switching without re-login, at most three users a device.</summary>
public sealed class StrictGateway : GatewayHost
{
    public const int MaxUsersPerDevice = 3;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:RequireEmailConfirmation"] = "true",
        ["Sessions:AllowSwitchWithoutReauthentication"] = "false",
        ["Sessions:MaxUsersPerDevice"] = MaxUsersPerDevice.ToString(),
    };
}

/// <summary>Access tokens that live one second, so a test can see one expire.</summary>
public sealed class ShortTokenGateway : GatewayHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:AccessTokenLifetime"] = "00:00:01",
    };
}

/// <summary>No admin key configured: the admin API must be closed.</summary>
public sealed class KeylessGateway : GatewayHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:AdminApiKey"] = "",
    };
}

[CollectionDefinition(Name)]
public sealed class DefaultGatewayCollection : ICollectionFixture<DefaultGateway>
{
    public const string Name = "default gateway";
}

[CollectionDefinition(Name)]
public sealed class StrictGatewayCollection : ICollectionFixture<StrictGateway>
{
    public const string Name = "strict gateway";
}

[CollectionDefinition(Name)]
public sealed class ShortTokenGatewayCollection : ICollectionFixture<ShortTokenGateway>
{
    public const string Name = "short-token gateway";
}

[CollectionDefinition(Name)]
public sealed class KeylessGatewayCollection : ICollectionFixture<KeylessGateway>
{
    public const string Name = "keyless gateway";
}

/// <summary>An email sender that keeps the last token mailed to each address.</summary>
public sealed class CapturingEmailSender : IEmailSender
{
    private readonly ConcurrentDictionary<string, string> _confirmations = new();

    public string ConfirmationTokenOf(string email) =>
        _confirmations.TryGetValue(email, out var token) ? token : throw new InvalidOperationException($"No confirmation mailed to {email}.");

    public bool HasConfirmationFor(string email) => _confirmations.ContainsKey(email);

    public Task SendConfirmationAsync(string email, AccountToken token)
    {
        _confirmations[email] = token.ToString();
        return Task.CompletedTask;
    }

    public Task SendPasswordResetAsync(string email, AccountToken token) => Task.CompletedTask;
}

/// <summary>Keeps what the gateway logs at Error or above.</summary>
public sealed class ErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
