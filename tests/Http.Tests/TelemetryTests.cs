using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OrleansSessions.Http.Tests;

/// <summary>
/// A gateway whose traces and metrics also go to in-memory exporters. Traces are made only when exported, so it is
/// given an OTLP endpoint too (where nothing listens: the OTLP exporter's failures stay out of the logs).
/// </summary>
public sealed class TelemetryGateway : GatewayFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
    };

    public List<Activity> Spans { get; } = [];

    public List<Metric> Metrics { get; } = [];

    protected override void ConfigureServices(IServiceCollection services) => services
        .ConfigureOpenTelemetryTracerProvider(traces => traces.AddInMemoryExporter(Spans))
        .ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(Metrics));
}

/// <summary>One login is one trace from the gateway through every grain it touches; the service's metrics move.</summary>
public sealed class TelemetryTests(TelemetryGateway gateway) : IClassFixture<TelemetryGateway>
{
    [Fact]
    public async Task A_login_is_one_trace_from_the_HTTP_request_through_the_grains()
    {
        using var api = gateway.Api();
        var device = await api.RegisterDevice();
        var login = await api.NewUserOn(device);
        gateway.Services.GetRequiredService<TracerProvider>().ForceFlush();

        var request = gateway.Spans.Last(s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("/login"));
        var trace = gateway.Spans.Where(s => s.TraceId == request.TraceId).ToList();

        Assert.Contains(trace, s => s.DisplayName.Contains("IDeviceGrain") && s.DisplayName.Contains("AdmitLogin"));
        Assert.Contains(trace, s => s.DisplayName.Contains("IUserGrain") && s.DisplayName.Contains("Login"));
        Assert.Contains(trace, s => s.DisplayName.Contains("IDeviceGrain") && s.DisplayName.Contains("Apply"));
        Assert.DoesNotContain(trace, s => s.Tags.Any(t => t.Value?.Contains(login.RefreshToken) == true));
    }

    [Fact]
    public async Task The_services_own_metrics_count_logins_switches_and_revocations()
    {
        using var api = gateway.Api();
        var device = await api.RegisterDevice();
        var first = await api.NewUserOn(device);
        await api.NewUserOn(device);
        await api.Send(HttpMethod.Put, $"/v1/devices/{device.Id}/active-user", device.Token, new { userId = first.UserId });
        await api.Admin(HttpMethod.Post, $"/v1/admin/users/{first.UserId}/revoke-sessions");
        gateway.Services.GetRequiredService<MeterProvider>().ForceFlush();

        var names = gateway.Metrics.Select(m => m.Name).ToHashSet();

        Assert.Contains("orleans_sessions.logins", names);
        Assert.Contains("orleans_sessions.switches", names);
        Assert.Contains("orleans_sessions.sessions_ended", names);
        Assert.Contains("orleans_sessions.fanout.duration", names);
        Assert.Contains("orleans_sessions.devices_registered", names);
        Assert.Contains(names, n => n.StartsWith("http.server", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("orleans", StringComparison.Ordinal) && !n.StartsWith("orleans_sessions", StringComparison.Ordinal));
    }
}
