using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace OrleansSessions.MultiProcess.Tests;

/// <summary>
/// Three silo processes and two gateway processes on Redis and Azurite, under load through both gateways, one silo
/// killed with SIGKILL in the middle: nothing acknowledged is lost, then or after the whole cluster restarts.
/// </summary>
[Trait("Category", "MultiProcess")]
public sealed class SiloCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan LoadTime = TimeSpan.FromSeconds(20);
    private const int Workers = 8;

    private readonly ProcessCluster _cluster = new();
    private readonly ConcurrentBag<Login> _live = [];
    private readonly ConcurrentBag<Login> _ended = [];

    /// <summary>Sessions whose logout or revoke was sent but not acknowledged: either outcome is right.</summary>
    private readonly ConcurrentBag<Login> _uncertain = [];
    private readonly ConcurrentBag<DateTime> _failures = [];
    private int _requests;

    private sealed record Login(Uri Gateway, string UserId, string DeviceId, string DeviceToken, string AccessToken);

    public async Task InitializeAsync()
    {
        await _cluster.StartStorageAsync();
        await _cluster.StartAsync(silos: 3, gateways: 2);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_silo_killed_under_load_loses_nothing_acknowledged_and_a_restart_brings_it_all_back()
    {
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(LoadTime);
        var load = Enumerable.Range(0, Workers).Select(w => Task.Run(() => Work(_cluster.Gateways[w % 2], _cluster.Gateways[(w + 1) % 2], stop.Token))).ToList();
        await Task.Delay(LoadTime * 0.4);
        var killedAt = DateTime.UtcNow;
        await _cluster.Silos[1].KillAsync();
        Assert.True(_cluster.Silos[1].HasExited);
        await Task.WhenAll(load);

        var failed = _failures.Count;
        var afterKill = _failures.Where(f => f >= killedAt).ToList();
        var failover = afterKill.Count == 0 ? TimeSpan.Zero : afterKill.Max() - killedAt;
        Report($"{_requests} requests through 2 gateways in {LoadTime.TotalSeconds:F0} s with a silo killed at " +
            $"{(LoadTime * 0.4).TotalSeconds:F0} s; {failed} failed ({100.0 * failed / Math.Max(1, _requests):F2} %); " +
            $"failover (kill to last failure): {failover.TotalSeconds:F1} s; {_live.Count} logins and {_ended.Count} ends " +
            $"acknowledged, {_uncertain.Count - _ended.Count} ends unacknowledged");
        Assert.True(_live.Count >= 6 && _ended.Count >= 2, "the load made too little to check");

        await CheckAcknowledgedState("after the silo was killed");

        await _cluster.StopSilosAndGatewaysAsync();
        await _cluster.StartAsync(silos: 3, gateways: 2);
        await CheckAcknowledgedState("after the whole cluster restarted", fresh: true);
        Report($"total {clock.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>A figure of the run: in the test output, and in .local/test-results for the test command to print.</summary>
    private void Report(string line)
    {
        output.WriteLine(line);
        var results = Path.Combine(TestSupport.RepositoryRoot.Path, ".local", "test-results");
        Directory.CreateDirectory(results);
        File.AppendAllText(Path.Combine(results, "multi-process-fault-test.txt"), $"{DateTime.UtcNow:O} {line}{Environment.NewLine}");
    }

    /// <summary>One user journey after another: device, two users, switch, refresh, then a logout or a revoke.</summary>
    private async Task Work(Uri gateway, Uri other, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(15) };
        using var admin = new HttpClient { BaseAddress = other, Timeout = TimeSpan.FromSeconds(15) };
        var journey = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var device = await Json(http, HttpMethod.Post, "/v1/devices", null, null);
                var (deviceId, deviceToken) = ((string)device["deviceId"]!, (string)device["deviceToken"]!);
                var first = await NewLogin(http, gateway, deviceId, deviceToken);
                _live.Add(first);
                var second = await NewLogin(http, gateway, deviceId, deviceToken);
                _live.Add(second);
                await Json(http, HttpMethod.Put, $"/v1/devices/{deviceId}/active-user", deviceToken, new { userId = first.UserId });
                for (var read = 0; read < 10; read++)
                {
                    await Json(http, HttpMethod.Get, $"/v1/devices/{deviceId}/users", deviceToken, null);
                    await Json(other == gateway ? http : admin, HttpMethod.Get, "/v1/auth/profile", second.AccessToken, null);
                }

                if (journey++ % 2 == 0)
                {
                    _uncertain.Add(second);
                    await Json(http, HttpMethod.Post, $"/v1/devices/{deviceId}/users/{second.UserId}/logout", deviceToken, null);
                    _ended.Add(second);
                }
                else
                {
                    _uncertain.Add(first);
                    await Json(admin, HttpMethod.Post, $"/v1/admin/users/{first.UserId}/revoke-sessions", ProcessCluster.AdminKey, null);
                    _ended.Add(first);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                if (!stop.IsCancellationRequested)
                {
                    _failures.Add(DateTime.UtcNow);
                    await Task.Delay(100, CancellationToken.None);
                }
            }
        }
    }

    private async Task<Login> NewLogin(HttpClient http, Uri gateway, string deviceId, string deviceToken)
    {
        var email = $"u-{Guid.NewGuid():N}@example.com";
        await Json(http, HttpMethod.Post, "/v1/auth/providers/local-userpass/register", null, new { email, password = "correct horse" });
        var login = await Json(http, HttpMethod.Post, $"/v1/devices/{deviceId}/login", deviceToken,
            new { provider = "local-userpass", email, password = "correct horse" });
        return new Login(gateway, (string)login["userId"]!, deviceId, deviceToken, (string)login["accessToken"]!);
    }

    private async Task<JsonNode> Json(HttpClient http, HttpMethod method, string path, string? bearer, object? body)
    {
        Interlocked.Increment(ref _requests);
        var response = await Send(http, method, path, bearer, body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string? bearer, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return http.SendAsync(request);
    }

    /// <summary>
    /// Every acknowledged live session still works; every acknowledged logout or revoke is still in force; no device
    /// lists an ended session as logged in. Retried while the cluster settles, for at most a minute.
    /// </summary>
    private async Task CheckAcknowledgedState(string when, bool fresh = false)
    {
        var endingSent = _uncertain.Select(l => l.AccessToken).ToHashSet();
        var live = _live.Where(l => !endingSent.Contains(l.AccessToken)).ToList();
        using var http = new HttpClient { BaseAddress = _cluster.Gateways[0], Timeout = TimeSpan.FromSeconds(15) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var problems = new List<string>();
        do
        {
            problems.Clear();
            foreach (var login in live)
            {
                var profile = await Attempt(() => Send(http, HttpMethod.Get, "/v1/auth/profile", login.AccessToken, null));
                if (profile != HttpStatusCode.OK)
                {
                    problems.Add($"live session of {login.UserId} answers {profile}");
                }
            }

            foreach (var login in _ended)
            {
                var profile = await Attempt(() => Send(http, HttpMethod.Get, "/v1/auth/profile", login.AccessToken, null));
                if (profile != HttpStatusCode.Unauthorized)
                {
                    problems.Add($"ended session of {login.UserId} answers {profile}");
                }

                var state = await StateOn(http, login);
                if (state is "active" or "inactive")
                {
                    problems.Add($"device {login.DeviceId} lists ended user {login.UserId} as {state}");
                }
            }

            if (problems.Count == 0)
            {
                Report($"{when}: {live.Count} live sessions work, {_ended.Count} ended ones stay ended");
                return;
            }

            await Task.Delay(1000);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"{when}{(fresh ? " (fresh processes)" : "")}: {problems.Count} problems, e.g. {string.Join("; ", problems.Take(5))}");
    }

    private static async Task<string?> StateOn(HttpClient http, Login login)
    {
        try
        {
            var response = await Send(http, HttpMethod.Get, $"/v1/devices/{login.DeviceId}/users", login.DeviceToken, null);
            var users = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["users"]!.AsArray();
            return (string?)users.SingleOrDefault(u => (string)u!["userId"]! == login.UserId)?["state"];
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or NullReferenceException)
        {
            return "unreachable";
        }
    }

    private static async Task<HttpStatusCode?> Attempt(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return (await send()).StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }
}
