using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace OrleansSessions.Http.Tests;

/// <summary>The live event stream of a device: ready first, then every change, an admin revoke within a second.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class DeviceEventTests(DefaultGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.Api();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_listening_device_hears_of_an_admin_revoke_within_a_second()
    {
        var device = await _api.RegisterDevice();
        var other = await _api.NewUserOn(device);
        var login = await _api.NewUserOn(device);
        using var listening = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var (events, stream) = await Listen(device, listening.Token);
        using var _ = stream;

        var ready = await events.ReadAsync(listening.Token);
        Assert.Equal("ready", ready.Type);
        Assert.Equal(login.UserId, (string)ready.Data["activeUserId"]!);

        var sent = DateTime.UtcNow;
        await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{login.UserId}/revoke-sessions");
        var loggedOut = await events.ReadAsync(listening.Token);
        var activeChanged = await events.ReadAsync(listening.Token);

        Assert.True(DateTime.UtcNow - sent < TimeSpan.FromSeconds(1));
        Assert.Equal("user-logged-out", loggedOut.Type);
        Assert.Equal(login.UserId, (string)loggedOut.Data["userId"]!);
        Assert.Equal("revoked", (string)loggedOut.Data["reason"]!);
        Assert.Equal(other.UserId, (string)loggedOut.Data["activeUserId"]!);
        Assert.Equal("active-user-changed", activeChanged.Type);
        Assert.Equal(device.Id, (string)activeChanged.Data["deviceId"]!);
        Assert.True((long)loggedOut.Data["version"]! > (long)ready.Data["version"]!);
        Assert.True((long)activeChanged.Data["version"]! > (long)loggedOut.Data["version"]!);
    }

    [Fact]
    public async Task Logins_switches_and_removals_are_heard_in_order()
    {
        var device = await _api.RegisterDevice();
        using var listening = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var (events, stream) = await Listen(device, listening.Token);
        using var _ = stream;
        await events.ReadAsync(listening.Token);

        var a = await _api.NewUserOn(device);
        var b = await _api.NewUserOn(device);
        await _api.Send(HttpMethod.Put, $"/v1/devices/{device.Id}/active-user", device.Token, new { userId = a.UserId });
        await _api.Send(HttpMethod.Delete, $"/v1/devices/{device.Id}/users/{a.UserId}", device.Token);

        var heard = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var e = await events.ReadAsync(listening.Token);
            heard.Add($"{e.Type}:{(string?)e.Data["userId"] == a.UserId}");
        }

        Assert.Equal(
            ["user-logged-in:True", "active-user-changed:True", "user-logged-in:False", "active-user-changed:False",
             "active-user-changed:True", "user-removed:True", "active-user-changed:False"],
            heard);
    }

    [Fact]
    public async Task Only_the_devices_token_opens_its_stream()
    {
        var device = await _api.RegisterDevice();
        var other = await _api.RegisterDevice();

        var response = await _api.Send(HttpMethod.Get, $"/v1/devices/{device.Id}/events", other.Token);

        Assert.Equal("invalid-device-token", await Api.Problem(response, HttpStatusCode.Unauthorized));
    }

    private sealed record ServerEvent(string Type, JsonNode Data);

    /// <summary>Opens the stream and reads its events in the background, until the response is disposed.</summary>
    private async Task<(ChannelReader<ServerEvent> Events, HttpResponseMessage Response)> Listen(Api.Device device, CancellationToken cancellation)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/devices/{device.Id}/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", device.Token);
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
                    await channel.Writer.WriteAsync(new ServerEvent(type, JsonNode.Parse(line["data: ".Length..])!), cancellation);
                }
            }
        }, cancellation);
        return (channel.Reader, response);
    }
}
