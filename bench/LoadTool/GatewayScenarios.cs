using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace OrleansSessions.LoadTool;

/// <summary>One user's session as the tool holds it: the latest refresh token, replaced at every rotation.</summary>
public sealed class VirtualSession(string userId, string accessToken, string refreshToken)
{
    public string UserId { get; } = userId;
    public string AccessToken { get; set; } = accessToken;
    public string RefreshToken { get; set; } = refreshToken;
    public SemaphoreSlim Gate { get; } = new(1, 1);
}

public sealed class VirtualDevice(string id, string token)
{
    public string Id { get; } = id;
    public string Token { get; } = token;
    public List<VirtualSession> Users { get; } = [];
    public SemaphoreSlim Gate { get; } = new(1, 1);
    public int Next;
}

public sealed record FanOutResult(int Devices, int Repetitions, int Verified, Latencies Ack, Latencies Updated, int StaleAtAck);

/// <summary>The gateway's scenarios over real HTTP: set-up, then the closed loops and the revoke fan-out.</summary>
public sealed class GatewayScenarios(HttpClient http, BenchOptions options, CustomTokenIssuer issuer, Action<string> log)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    public async Task<RegisteredDevice> RegisterDeviceAsync(string name)
    {
        using var response = await http.PostAsJsonAsync("/v1/devices", new Dictionary<string, string> { ["name"] = name }, BenchJson.Default.DictionaryStringString);
        await Ensure(response, "register device");
        return (await response.Content.ReadFromJsonAsync(BenchJson.Default.RegisteredDevice))!;
    }

    public async Task<LoginResponse> LogInAsync(RegisteredDevice device, string credentialsJson)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/devices/{device.DeviceId}/login")
        {
            Content = new StringContent(credentialsJson, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", device.DeviceToken);
        using var response = await http.SendAsync(request);
        await Ensure(response, "login");
        return (await response.Content.ReadFromJsonAsync(BenchJson.Default.LoginResponse))!;
    }

    private string CustomToken(string subject) =>
        $$"""{"provider":"custom-token","token":"{{issuer.TokenFor(subject)}}"}""";

    /// <summary>Devices of 3 users each, every user logged in (custom-token), the last one active.</summary>
    public async Task<List<VirtualDevice>> SetUpDevicesAsync(int users)
    {
        var clock = Stopwatch.StartNew();
        var count = Math.Max(1, (users + 2) / 3);
        var devices = new VirtualDevice[count];
        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, count), Bounded(), async (d, _) =>
        {
            var registered = await RegisterDeviceAsync("bench " + d);
            var device = new VirtualDevice(registered.DeviceId, registered.DeviceToken);
            for (var k = 0; k < 3; k++)
            {
                var login = await LogInAsync(registered, CustomToken($"bench-{_run}-{d}-{k}"));
                device.Users.Add(new VirtualSession(login.UserId, login.AccessToken, login.RefreshToken));
            }

            devices[d] = device;
        });
        log($"set-up: {count} devices, {count * 3} users logged in in {clock.Elapsed.TotalSeconds:F1} s");
        return [.. devices];
    }

    public Task<ScenarioResult> ReadAsync(List<VirtualDevice> devices)
    {
        var sessions = devices.SelectMany(d => d.Users).ToArray();
        return ClosedLoop.RunAsync("validated read", "GET /v1/auth/profile, access tokens of " + sessions.Length + " users",
            options.Concurrency, options.WarmUp, options.Duration, async (_, _) =>
            {
                var session = sessions[Random.Shared.Next(sessions.Length)];
                using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/auth/profile");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
                using var response = await http.SendAsync(request);
                await response.Content.LoadIntoBufferAsync();
                return Failure(response);
            });
    }

    public Task<ScenarioResult> RefreshAsync(List<VirtualDevice> devices)
    {
        var sessions = devices.SelectMany(d => d.Users).ToArray();
        return ClosedLoop.RunAsync("refresh", "POST /v1/auth/session, rotating refresh tokens of " + sessions.Length + " users",
            options.Concurrency, options.WarmUp, options.Duration, async (worker, iteration) =>
            {
                var session = sessions[Pick(worker, iteration, sessions.Length)];
                await session.Gate.WaitAsync();
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/session");
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.RefreshToken);
                    using var response = await http.SendAsync(request);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        await response.Content.LoadIntoBufferAsync();
                        return Failure(response);
                    }

                    var answer = (await response.Content.ReadFromJsonAsync(BenchJson.Default.RefreshResponse))!;
                    session.AccessToken = answer.AccessToken;
                    session.RefreshToken = answer.RefreshToken ?? session.RefreshToken;
                    return null;
                }
                finally
                {
                    session.Gate.Release();
                }
            });
    }

    public Task<ScenarioResult> SwitchAsync(List<VirtualDevice> devices) =>
        ClosedLoop.RunAsync("switch", "PUT /v1/devices/{id}/active-user between 3 users of " + devices.Count + " devices",
            options.Concurrency, options.WarmUp, options.Duration, async (worker, iteration) =>
            {
                var device = devices[Pick(worker, iteration, devices.Count)];
                await device.Gate.WaitAsync();
                try
                {
                    var target = device.Users[device.Next++ % device.Users.Count];
                    using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/devices/{device.Id}/active-user")
                    {
                        Content = new StringContent($$"""{"userId":"{{target.UserId}}"}""", Encoding.UTF8, "application/json"),
                    };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", device.Token);
                    using var response = await http.SendAsync(request);
                    await response.Content.LoadIntoBufferAsync();
                    return Failure(response);
                }
                finally
                {
                    device.Gate.Release();
                }
            });

    public async Task<ScenarioResult> LoginAsync()
    {
        var count = Math.Max(1, options.LoginUsers);
        var accounts = new (RegisteredDevice Device, string Body)[count];
        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, count), Bounded(), async (i, _) =>
        {
            var email = $"bench-{_run}-{i}@example.com";
            var password = "bench-password-" + i;
            using var response = await http.PostAsync("/v1/auth/providers/local-userpass/register", new StringContent(
                $$"""{"email":"{{email}}","password":"{{password}}"}""", Encoding.UTF8, "application/json"));
            await Ensure(response, "register user");
            accounts[i] = (await RegisterDeviceAsync("login " + i),
                $$"""{"provider":"local-userpass","email":"{{email}}","password":"{{password}}"}""");
        });
        return await ClosedLoop.RunAsync("login", "POST /v1/devices/{id}/login, email/password (Argon2id, 19 MiB, 2 iterations)",
            options.Concurrency, options.WarmUp, options.Duration, async (worker, iteration) =>
            {
                var (device, body) = accounts[Pick(worker, iteration, count)];
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/devices/{device.DeviceId}/login")
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", device.DeviceToken);
                using var response = await http.SendAsync(request);
                await response.Content.LoadIntoBufferAsync();
                return Failure(response);
            });
    }

    /// <summary>
    /// One user on N devices: log it in on every device, revoke through the admin API and time the acknowledgement,
    /// then list the devices (all, or a random sample) until every one shows the user loggedOut. "Updated" is the
    /// acknowledgement time when the first listing after it already shows every device updated, otherwise the time
    /// from the revoke until the listing that did. One unmeasured repetition first when N ≤ 1 000 (the set-up of
    /// larger N costs minutes: see bench/README.md).
    /// </summary>
    public async Task<List<FanOutResult>> FanOutAsync()
    {
        var results = new List<FanOutResult>();
        var largest = options.FanOut.Max(f => f.Devices);
        var clock = Stopwatch.StartNew();
        var devices = new RegisteredDevice[largest];
        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, largest), Bounded(), async (i, _) =>
            devices[i] = await RegisterDeviceAsync("fan-out " + i));
        log($"fan-out: {largest} devices registered in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var (n, repetitions) in options.FanOut)
        {
            var subject = $"fanout-{_run}-{n}";
            var targets = devices.Take(n).ToArray();
            var sample = n <= options.FanOutVerifySample
                ? targets
                : targets.OrderBy(_ => Random.Shared.Next()).Take(options.FanOutVerifySample).ToArray();
            var acks = new List<long>();
            var updated = new List<long>();
            var stale = 0;
            for (var rep = n <= 1000 ? -1 : 0; rep < repetitions; rep++)
            {
                var loginClock = Stopwatch.StartNew();
                string userId = "";
                await System.Threading.Tasks.Parallel.ForEachAsync(targets, Bounded(), async (device, _) =>
                    userId = (await LogInAsync(device, CustomToken(subject))).UserId);
                if (rep <= 0)
                {
                    log($"fan-out N={n}: logged in on {n} devices in {loginClock.Elapsed.TotalSeconds:F1} s");
                }

                var started = Stopwatch.GetTimestamp();
                using (var revoke = new HttpRequestMessage(HttpMethod.Post, $"/v1/admin/users/{userId}/revoke-sessions"))
                {
                    revoke.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.AdminKey);
                    using var response = await http.SendAsync(revoke);
                    await Ensure(response, "revoke");
                }

                var acked = Stopwatch.GetTimestamp();
                var pending = sample;
                var first = true;
                long done = acked;
                var deadline = acked + 60 * Stopwatch.Frequency;
                while (pending.Length > 0)
                {
                    var stillPending = new System.Collections.Concurrent.ConcurrentBag<RegisteredDevice>();
                    await System.Threading.Tasks.Parallel.ForEachAsync(pending, Bounded(), async (device, _) =>
                    {
                        if (!await LoggedOutAsync(device, userId))
                        {
                            stillPending.Add(device);
                        }
                    });
                    if (first && rep >= 0)
                    {
                        stale += stillPending.Count;
                    }

                    done = first && stillPending.IsEmpty ? acked : Stopwatch.GetTimestamp();
                    first = false;
                    pending = [.. stillPending];
                    if (Stopwatch.GetTimestamp() > deadline)
                    {
                        throw new InvalidOperationException($"fan-out N={n}: {pending.Length} devices still show the user after 60 s");
                    }
                }

                if (rep >= 0)
                {
                    acks.Add(acked - started);
                    updated.Add(done - started);
                }
            }

            var result = new FanOutResult(n, repetitions, sample.Length, Latencies.Of(acks), Latencies.Of(updated), stale);
            log($"fan-out N={n}: ack p50 {result.Ack.P50:F1} ms p99 {result.Ack.P99:F1} ms, updated p99 {result.Updated.P99:F1} ms, stale at ack {stale}");
            results.Add(result);
        }

        return results;
    }

    private async Task<bool> LoggedOutAsync(RegisteredDevice device, string userId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/devices/{device.DeviceId}/users");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", device.DeviceToken);
        using var response = await http.SendAsync(request);
        await Ensure(response, "list users");
        var users = (await response.Content.ReadFromJsonAsync(BenchJson.Default.DeviceUsersDto))!;
        return users.Users.Single(u => u.UserId == userId).State == "loggedOut";
    }

    /// <summary>Worker w's next item among its own share of <paramref name="count"/> items (shared only when count &lt; workers).</summary>
    private int Pick(int worker, long iteration, int count)
    {
        if (count <= options.Concurrency)
        {
            return worker % count;
        }

        var share = (count - worker + options.Concurrency - 1) / options.Concurrency;
        return (int)(worker + (iteration % share) * options.Concurrency);
    }

    private ParallelOptions Bounded() => new() { MaxDegreeOfParallelism = options.Concurrency };

    private static string? Failure(HttpResponseMessage response) =>
        response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}";

    private static async Task Ensure(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
