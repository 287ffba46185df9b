using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using OrleansSessions.Abstractions;

namespace OrleansSessions.Gateway.Tests;

/// <summary>
/// What cannot be genuine is refused before any grain is touched (issue 13, item 3): forged device tokens, refresh
/// tokens naming random users, Realm device ids never handed out. Counted with the silo's management grain.
/// </summary>
[Collection(ActivationGatewayCollection.Name)]
public sealed class ActivationTests(ActivationGateway gateway)
{
    private const int Requests = 3_000;

    [Fact]
    public async Task Three_thousand_forged_credentials_activate_no_grain()
    {
        using var http = gateway.NewHttpClient();
        var (activationsBefore, memoryBefore) = (await ServiceActivations(), GC.GetTotalMemory(forceFullCollection: true));

        var statuses = new List<HttpStatusCode>();
        foreach (var batch in Enumerable.Range(0, Requests).Chunk(50))
        {
            statuses.AddRange(await Task.WhenAll(batch.Select(async i =>
            {
                using var response = await http.SendAsync(Forged(i));
                return response.StatusCode;
            })));
        }

        var (activationsAfter, memoryAfter) = (await ServiceActivations(), GC.GetTotalMemory(forceFullCollection: true));
        Figures.Write("activations", $"{Requests} forged device and refresh tokens: service grain activations {activationsBefore} -> "
            + $"{activationsAfter}, managed memory {memoryBefore / 1024} KiB -> {memoryAfter / 1024} KiB");
        Assert.Equal(activationsBefore, activationsAfter);
        // Each is refused: 401, or 503 when a loaded machine misses the request deadline (the key ring's reload).
        var otherwise = statuses.Where(status => status != HttpStatusCode.Unauthorized).ToList();
        Assert.True(otherwise.All(status => status == HttpStatusCode.ServiceUnavailable), string.Join(", ", otherwise));
    }

    [Fact]
    public async Task A_realm_login_naming_a_device_id_never_handed_out_touches_no_grain_of_that_id()
    {
        using var http = gateway.NewHttpClient();
        var forged = Ids.New();
        var login = await http.PostAsJsonAsync(
            $"/api/client/v2.0/app/{ActivationGateway.AppId}/auth/providers/anon-user/login", new { options = new { device = new { deviceId = forged } } });
        var deviceId = (await Api.Json(login)).GetProperty("device_id").GetString();

        Assert.NotEqual(forged, deviceId);
        var device = await Management().GetActivationAddress(gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<Abstractions.Devices.IDeviceGrain>(forged));
        Assert.Null(device);
    }

    /// <summary>The i-th forged request: a device route, /v1's refresh and Realm's, each with credentials no one was given.</summary>
    private static HttpRequestMessage Forged(int i)
    {
        var refresh = $"{Ids.New()}.{Ids.New()}.{Ids.NewSecret()}";
        var (method, path, bearer) = (i % 4) switch
        {
            0 => (HttpMethod.Get, $"/v1/devices/{Ids.New()}/users", Ids.NewSecret()),
            1 => (HttpMethod.Post, $"/v1/devices/{Ids.New()}/login", Ids.NewSecret()),
            2 => (HttpMethod.Post, "/v1/auth/session", refresh),
            _ => (HttpMethod.Post, "/api/client/v2.0/auth/session", refresh),
        };
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {bearer}");
        if (i % 4 == 1)
        {
            request.Content = JsonContent.Create(Api.Anonymous);
        }

        return request;
    }

    private IManagementGrain Management() => gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);

    /// <summary>The activations of the service's own grains (users, devices, identities, keys), on every silo.</summary>
    private async Task<int> ServiceActivations() =>
        (await Management().GetSimpleGrainStatistics())
            .Where(statistic => statistic.GrainType.Contains("OrleansSessions", StringComparison.Ordinal))
            .Sum(statistic => statistic.ActivationCount);
}

/// <summary>
/// The Realm API on, and no limit on failed authentications or requests per address, so that every forged request
/// reaches its check (on a quiet machine 3,000 requests take about a second, past the per-address burst).
/// </summary>
public sealed class ActivationGateway : GatewayHost
{
    public const string AppId = "activation-tests";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:Realm:AppId"] = AppId,
        ["Sessions:RateLimits:FailedAuthenticationsPerMinute"] = "0",
        ["Sessions:RateLimits:PerAddressPerSecond"] = "0",
    };
}

[CollectionDefinition(Name)]
public sealed class ActivationGatewayCollection : ICollectionFixture<ActivationGateway>
{
    public const string Name = "activation gateway";
}
