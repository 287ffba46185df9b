using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;
using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Abstractions.Identities;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Hosting;

namespace OrleansSessions.LoadTool;

/// <summary>
/// Bytes written per operation: the gateway's embedded silo in this process, its default storage wrapped by
/// <see cref="CountingStorage"/>, and one user driven through grain calls with 1 and with 50 sessions. Each
/// operation is counted from its call until a second and a half after it returned, so writes made soon after (the
/// audit trail of a switch) count too.
/// </summary>
public static class WritesScenario
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1.5);

    public sealed record Row(string Operation, int Sessions, IReadOnlyDictionary<string, (int Writes, long Bytes)> Written)
    {
        public long Bytes(string stateName) => Written.GetValueOrDefault(stateName).Bytes;

        public int Writes => Written.Values.Sum(w => w.Writes);

        public long TotalBytes => Written.Values.Sum(w => w.Bytes);
    }

    public static async Task<IReadOnlyList<Row>> RunAsync(IReadOnlyList<int> sessionCounts, int auditEventsKept)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sessions:Dashboard:Enabled"] = "false",
            ["Sessions:AuditEventsKept"] = auditEventsKept.ToString(),
            ["Embedded:Storage"] = "memory",
        }).Build();
        var cluster = ClusterSettings.From(configuration);
        cluster.SiloPort = MemoryScenario.FreePort();
        cluster.GatewayPort = MemoryScenario.FreePort();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Configuration = new ConfigurationManager() });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.UseSessionsSilo(configuration, cluster);
            CountingStorage.Decorate(silo.Services);
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var counter = (CountingStorage)host.Services.GetRequiredKeyedService<IGrainStorage>(Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
            var rows = new List<Row>();
            foreach (var sessions in sessionCounts)
            {
                rows.AddRange(await Measure(grains, counter, sessions, auditEventsKept));
            }

            return rows;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<IEnumerable<Row>> Measure(IGrainFactory grains, CountingStorage counter, int sessions, int auditEventsKept)
    {
        var devices = await Task.WhenAll(Enumerable.Range(0, sessions).Select(async _ =>
        {
            var (id, token) = (Ids.New(), TokenHash.Of(Ids.NewSecret()));
            await grains.GetGrain<IDeviceGrain>(id).Register("bench", token);
            return (Grain: grains.GetGrain<IDeviceGrain>(id), Token: token);
        }));
        var userId = await grains.GetGrain<IIdentityGrain>($"{Ids.New()}@example.com").Register(Ids.New(), new Secret("correct horse"), null);
        var user = grains.GetGrain<IUserGrain>(userId);
        async Task<SessionGrant> LogIn(int device, string who, TokenHash refresh) =>
            await grains.GetGrain<IUserGrain>(who).Login(new NewSession(
                await devices[device].Grain.AdmitLogin(devices[device].Token, who, 20), refresh));
        for (var i = 0; i < sessions - 1; i++)
        {
            await LogIn(i, userId, TokenHash.Of(Ids.NewSecret()));
        }

        var rows = new List<Row>();
        async Task Count(string operation, Func<Task> act)
        {
            await Task.Delay(Settle);
            counter.Take();
            await act();
            await Task.Delay(Settle);
            rows.Add(new Row(operation, sessions, counter.Take()));
        }

        var last = sessions - 1;
        var (first, second, third) = (TokenHash.Of(Ids.NewSecret()), TokenHash.Of(Ids.NewSecret()), TokenHash.Of(Ids.NewSecret()));
        SessionGrant grant = null!;
        await Count("login", async () => grant = await LogIn(last, userId, first));
        await Count("refresh", () => user.Refresh(grant.SessionId, first, second));
        var other = await grains.GetGrain<IIdentityGrain>($"{Ids.New()}@example.com").Register(Ids.New(), new Secret("correct horse"), null);
        await LogIn(last, other, TokenHash.Of(Ids.NewSecret()));
        await Count("switch", () => devices[last].Grain.Switch(devices[last].Token, userId, allowWithoutReauthentication: true));
        await Task.WhenAll(Enumerable.Range(0, auditEventsKept).Select(_ => user.RecordFailedLogin("bench")));
        await Count($"refresh, audit trail full ({auditEventsKept} events)", () => user.Refresh(grant.SessionId, second, third));
        await Count("revoke", user.RevokeSessions);
        return rows;
    }

    public static string Markdown(IReadOnlyList<Row> rows)
    {
        var text = new StringBuilder()
            .AppendLine("| operation | sessions | writes | user state bytes | audit trail bytes | device bytes | total bytes |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine($"| {row.Operation} | {row.Sessions} | {row.Writes} | {row.Bytes("user")} | {row.Bytes("userAudit")} | {row.Bytes("device")} | {row.TotalBytes} |");
        }

        return text.ToString();
    }
}
