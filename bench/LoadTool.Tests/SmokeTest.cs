using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit.Abstractions;

namespace OrleansSessions.LoadTool.Tests;

/// <summary>
/// Every scenario of the load tool for about a second, at low scale, against the real gateway (embedded, Kestrel on
/// a free loopback port): checks that it completes and writes its report and charts, never how fast anything is.
/// </summary>
public sealed class SmokeTest(ITestOutputHelper output)
{
    private const string AdminKey = "bench-smoke-admin-key";

    [Fact]
    public async Task Every_scenario_runs_and_the_report_is_written()
    {
        var (privatePem, publicPem) = CustomTokenIssuer.NewKeyPair();
        var address = new Uri($"http://127.0.0.1:{MemoryScenario.FreePort()}");
        await using var factory = new WebApplicationFactory<Program>();
        await using var gateway = factory.WithWebHostBuilder(web =>
        {
            web.UseSetting("urls", address.ToString());
            web.UseSetting("Sessions:AdminApiKey", AdminKey);
            web.UseSetting("Sessions:Dashboard:Enabled", "false");
            web.UseSetting("Sessions:RateLimits:PerAddressPerSecond", "0");
            web.UseSetting("Sessions:CustomToken:Issuer", "bench-issuer");
            web.UseSetting("Sessions:CustomToken:Algorithms", "ES256");
            web.UseSetting("Sessions:CustomToken:PublicKeyPem", publicPem);
            web.UseSetting("Embedded:SiloPort", MemoryScenario.FreePort().ToString());
            web.UseSetting("Embedded:GatewayPort", MemoryScenario.FreePort().ToString());
        });
        gateway.UseKestrel();
        gateway.StartServer();

        var directory = Path.Combine(Path.GetTempPath(), "loadtool-smoke-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new BenchOptions
            {
                Gateway = address,
                AdminKey = AdminKey,
                Concurrency = 4,
                WarmUp = TimeSpan.FromSeconds(0.3),
                Duration = TimeSpan.FromSeconds(1),
                Users = 12,
                LoginUsers = 2,
                FanOut = [(1, 2), (10, 2)],
                MemoryDevices = 200,
                OutputDirectory = directory,
                ChildProcesses = false,
            };
            var report = await BenchRunner.RunAsync(options, privatePem, output.WriteLine);

            Assert.NotNull(report.Bare);
            Assert.NotNull(report.Actor);
            Assert.Equal(["validated read", "refresh", "switch", "login"], report.Scenarios.Select(s => s.Name));
            Assert.All(report.Scenarios, s => Assert.True(s.Latency.Count > 0, s.Name + " recorded nothing"));
            Assert.Equal([1, 10], report.FanOut.Select(f => f.Devices));
            Assert.NotNull(report.Memory);
            Assert.True(report.Memory.DeviceActivations >= 200);
            foreach (var file in new[] { "results.md", "throughput.png", "latency.png", "fanout.png" })
            {
                Assert.True(new FileInfo(Path.Combine(directory, file)) is { Exists: true, Length: > 0 }, file + " missing");
            }

            Assert.Contains("| validated read |", await File.ReadAllTextAsync(Path.Combine(directory, "results.md")));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
