using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OrleansSessions.Gateway.Tests;

/// <summary>One login is one trace from the gateway through every grain it touches; the service's metrics move.</summary>
[Collection(TelemetryGatewayCollection.Name)]
public sealed class TelemetryTests(TelemetryGateway gateway) : IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_login_is_one_trace_from_the_HTTP_request_through_the_grains()
    {
        var device = await _api.NewDevice();
        var (_, login) = await _api.NewUser(device);
        gateway.Services.GetRequiredService<TracerProvider>().ForceFlush();

        var spans = gateway.Spans.ToList();
        var request = spans.Last(s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("/login"));
        var trace = spans.Where(s => s.TraceId == request.TraceId).ToList();

        Assert.Contains(trace, s => s.DisplayName.Contains("IDeviceGrain") && s.DisplayName.Contains("AdmitLogin"));
        Assert.Contains(trace, s => s.DisplayName.Contains("IUserSessionsGrain") && s.DisplayName.Contains("Login"));
        Assert.Contains(trace, s => s.DisplayName.Contains("IDeviceGrain") && s.DisplayName.Contains("Apply"));
        Assert.DoesNotContain(spans, s => s.Tags.Any(t => t.Value?.Contains(login.RefreshToken) == true || t.Value?.Contains(login.AccessToken) == true));
    }

    [Fact]
    public async Task The_services_own_metrics_count_logins_switches_and_revocations()
    {
        var device = await _api.NewDevice();
        var (first, _) = await _api.NewUser(device);
        await _api.NewUser(device);
        await Api.Json(await _api.Switch(device, first.UserId));
        await Api.NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{first.UserId}/revoke-sessions"));
        gateway.Services.GetRequiredService<MeterProvider>().ForceFlush();

        var names = gateway.Metrics.ToList().Select(m => m.Name).ToHashSet();

        Assert.Contains("orleans_sessions.logins", names);
        Assert.Contains("orleans_sessions.switches", names);
        Assert.Contains("orleans_sessions.sessions_ended", names);
        Assert.Contains("orleans_sessions.fanout.duration", names);
        Assert.Contains("orleans_sessions.devices_registered", names);
        Assert.Contains(names, n => n.StartsWith("http.server", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("orleans", StringComparison.Ordinal) && !n.StartsWith("orleans_sessions", StringComparison.Ordinal));
    }
}
