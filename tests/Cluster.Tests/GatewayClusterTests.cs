using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OrleansSessions.Cluster.Tests;

/// <summary>Gateways as Orleans clients of a Redis + Azurite cluster: readiness, and one cluster seen from two gateways.</summary>
public sealed class GatewayClusterTests(RealCluster cluster) : IClassFixture<RealCluster>
{
    [Fact]
    public async Task A_gateway_started_before_its_cluster_is_not_ready_until_a_silo_answers_and_two_gateways_share_everything()
    {
        var first = new HttpClient { BaseAddress = cluster.StartGateway() };
        var notReady = await WaitForAnswer(first, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        var report = JsonNode.Parse(await notReady.Content.ReadAsStringAsync())!;
        Assert.Equal("cluster", (string)report["checks"]![0]!["name"]!);
        Assert.Equal("Unhealthy", (string)report["checks"]![0]!["status"]!);

        await cluster.StartSiloAsync();
        await WaitUntil(async () => (await first.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        var second = new HttpClient { BaseAddress = cluster.StartGateway() };
        await WaitUntil(async () => (await Get(second, "/health/ready")) == HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        var device = JsonNode.Parse(await (await first.PostAsync("/v1/devices", null)).Content.ReadAsStringAsync())!;
        var (deviceId, deviceToken) = ((string)device["deviceId"]!, (string)device["deviceToken"]!);
        var login = await Send(second, HttpMethod.Post, $"/v1/devices/{deviceId}/login", deviceToken, new { provider = "anon-user" });
        var loggedIn = JsonNode.Parse(await login.Content.ReadAsStringAsync())!;
        var userId = (string)loggedIn["userId"]!;
        Assert.Equal(HttpStatusCode.OK, (await Send(first, HttpMethod.Get, "/v1/auth/profile", (string)loggedIn["accessToken"]!)).StatusCode);

        using var listening = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var stream = await Listen(first, deviceId, deviceToken, listening.Token);
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync(listening.Token));
        Assert.Equal("event: ready", await events.ReadLineAsync(listening.Token));

        var sent = DateTime.UtcNow;
        await Send(second, HttpMethod.Post, $"/v1/admin/users/{userId}/revoke-sessions", RealCluster.AdminKey);
        string? line;
        do
        {
            line = await events.ReadLineAsync(listening.Token);
        }
        while (line is not null && !line.StartsWith("event: user-", StringComparison.Ordinal));

        Assert.Equal("event: user-removed", line);
        Assert.True(DateTime.UtcNow - sent < TimeSpan.FromSeconds(1), $"heard after {DateTime.UtcNow - sent}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(first, HttpMethod.Get, "/v1/auth/profile", (string)loggedIn["accessToken"]!)).StatusCode);
    }

    private static async Task<HttpResponseMessage> WaitForAnswer(HttpClient client, string path)
    {
        HttpResponseMessage? answer = null;
        await WaitUntil(async () =>
        {
            try
            {
                answer = await client.GetAsync(path);
                return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60));
        return answer!;
    }

    private static async Task<HttpStatusCode?> Get(HttpClient client, string path)
    {
        try
        {
            return (await client.GetAsync(path)).StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task WaitUntil(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {timeout}");
            await Task.Delay(200);
        }
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string bearer, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> Listen(HttpClient client, string deviceId, string deviceToken, CancellationToken cancellation)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/devices/{deviceId}/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", deviceToken);
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
    }
}
