using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Gateway.Callers;
using OrleansSessions.Gateway.Events;
using OrleansSessions.Gateway.Problems;
using OrleansSessions.Abstractions;

namespace OrleansSessions.Gateway.Endpoints;

/// <summary>
/// <c>GET /v1/devices/{deviceId}/events</c>: a Server-Sent Events stream of the device's changes. It opens with a
/// <c>ready</c> event once the subscription is live. Delivery is best effort: every event carries the device's
/// version, and a client that sees a gap lists the users again.
/// </summary>
public static class DeviceEventEndpoints
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapDeviceEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/devices/{deviceId}/events", Stream).WithTags("Devices")
            .WithSummary("A live stream (text/event-stream) of the device's changes, opening with a ready event.")
            .Refuses(ErrorCodes.InvalidDeviceToken, ErrorCodes.RateLimited);
        return app;
    }

    /// <summary>The stream ends when the client goes away, or when this gateway shuts down.</summary>
    private static async Task<IResult> Stream(
        DeviceCaller caller, DeviceEventHub hub, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime,
        CancellationToken requestAborted)
    {
        var stream = await hub.ListenAsync(caller.DeviceId, caller.TokenHash);
        var ended = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        return TypedResults.ServerSentEvents(Events(stream, ended, json.Value.SerializerOptions));
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(
        DeviceEventStream stream, CancellationTokenSource ended, JsonSerializerOptions json)
    {
        using var _ = ended;
        await using var __ = stream;
        var aborted = ended.Token;
        while (!aborted.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            wait.CancelAfter(Heartbeat);
            DeviceEvent? next;
            try
            {
                next = await stream.Events.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
            {
                next = null;
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            yield return next is null
                ? new SseItem<string>("", "heartbeat")
                : new SseItem<string>(JsonSerializer.Serialize(Data(next), json), next.Type);
        }
    }

    /// <summary>An event's data: the device, its version, the user concerned and the active user after it.</summary>
    private static object Data(DeviceEvent e) => e.Type == DeviceEvent.Ready
        ? new { e.DeviceId, e.Version, e.ActiveUserId }
        : new { e.DeviceId, e.Version, e.UserId, e.ActiveUserId, e.Reason };
}
