using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>The live event stream of a device (server-sent events): ready first, then every change, an admin revoke within a second.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class DeviceEventTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_listening_device_hears_of_an_admin_revoke_within_a_second()
    {
        var device = await _api.NewDevice();
        var (other, _) = await _api.NewUser(device);
        var (account, _) = await _api.NewUser(device);
        using var listening = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var (events, stream) = await Listen(device, listening.Token);
        using var _ = stream;

        var ready = await events.ReadAsync(listening.Token);
        Assert.Equal("ready", ready.Type);
        Assert.Equal(account.UserId, ready.Data.GetProperty("activeUserId").GetString());

        var sent = DateTime.UtcNow;
        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/revoke-sessions"));
        var loggedOut = await events.ReadAsync(listening.Token);
        var activeChanged = await events.ReadAsync(listening.Token);

        Assert.True(DateTime.UtcNow - sent < TimeSpan.FromSeconds(1));
        Assert.Equal("user-logged-out", loggedOut.Type);
        Assert.Equal(account.UserId, loggedOut.Data.GetProperty("userId").GetString());
        Assert.Equal("revoked", loggedOut.Data.GetProperty("reason").GetString());
        Assert.Equal(other.UserId, loggedOut.Data.GetProperty("activeUserId").GetString());
        Assert.Equal("active-user-changed", activeChanged.Type);
        Assert.Equal(device.Id, activeChanged.Data.GetProperty("deviceId").GetString());
        Assert.True(loggedOut.Data.GetProperty("version").GetInt64() > ready.Data.GetProperty("version").GetInt64());
        Assert.True(activeChanged.Data.GetProperty("version").GetInt64() > loggedOut.Data.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Logins_switches_and_removals_are_heard_in_order()
    {
        var device = await _api.NewDevice();
        using var listening = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var (events, stream) = await Listen(device, listening.Token);
        using var _ = stream;
        await events.ReadAsync(listening.Token);

        var (a, _) = await _api.NewUser(device);
        await _api.NewUser(device);
        await Json(await _api.Switch(device, a.UserId));
        await NoContent(await _api.Remove(device, a.UserId));

        var heard = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var e = await events.ReadAsync(listening.Token);
            var aboutA = e.Data.TryGetProperty("userId", out var userId) && userId.ValueKind == JsonValueKind.String && userId.GetString() == a.UserId;
            heard.Add($"{e.Type}:{aboutA}");
        }

        Assert.Equal(
            ["user-logged-in:True", "active-user-changed:True", "user-logged-in:False", "active-user-changed:False",
             "active-user-changed:True", "user-removed:True", "active-user-changed:False"],
            heard);
    }

    [Fact]
    public async Task Only_the_devices_own_token_opens_its_stream()
    {
        var device = await _api.NewDevice();
        var other = await _api.NewDevice();
        var (_, login) = await _api.NewUser(device);

        foreach (var token in new[] { other.Token, login.AccessToken, GatewayHost.AdminKey, null })
        {
            await Problem(await _api.Send(HttpMethod.Get, $"/v1/devices/{device.Id}/events", token), HttpStatusCode.Unauthorized, "invalid-device-token");
        }
    }

    [Fact]
    public async Task A_device_holds_at_most_eight_streams_on_a_gateway_and_a_closed_one_frees_its_place()
    {
        var device = await _api.NewDevice();
        using var listening = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var streams = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                streams.Add((await Listen(device, listening.Token)).Response);
            }

            using (var refused = await OpenStream(device, listening.Token))
            {
                await Problem(refused, HttpStatusCode.TooManyRequests, "rate-limited");
                Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            }

            streams[0].Dispose();
            var reopened = await OpenStream(device, listening.Token);
            for (var attempt = 0; reopened.StatusCode == HttpStatusCode.TooManyRequests && attempt < 50; attempt++)
            {
                reopened.Dispose();
                await Task.Delay(100, listening.Token);
                reopened = await OpenStream(device, listening.Token);
            }

            streams.Add(reopened);
            Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        }
        finally
        {
            streams.ForEach(stream => stream.Dispose());
        }
    }

    private Task<HttpResponseMessage> OpenStream(Device device, CancellationToken cancellation)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/devices/{device.Id}/events");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {device.Token}");
        return _api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
    }

    private sealed record ServerEvent(string Type, JsonElement Data);

    /// <summary>Opens the stream and reads its events (all but heartbeats) in the background, until the response is disposed.</summary>
    private async Task<(ChannelReader<ServerEvent> Events, HttpResponseMessage Response)> Listen(Device device, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/devices/{device.Id}/events");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {device.Token}");
        var response = await _api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var channel = Channel.CreateUnbounded<ServerEvent>();
        _ = Task.Run(async () =>
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellation));
            string? type = null;
            while (await reader.ReadLineAsync(cancellation) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && type is not null and not "heartbeat")
                {
                    using var data = JsonDocument.Parse(line["data: ".Length..]);
                    await channel.Writer.WriteAsync(new ServerEvent(type, data.RootElement.Clone()), cancellation);
                }
            }
        }, cancellation);
        return (channel.Reader, response);
    }
}
