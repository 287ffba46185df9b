using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OrleansSessions.Gateway.Tests;

/// <summary>
/// A gateway whose traces and metrics also go to in-memory exporters. Traces are made only when exported, so it is
/// given an OTLP endpoint too (where nothing listens: the OTLP exporter's failures stay out of the logs).
/// </summary>
public sealed class TelemetryGateway : GatewayHost
{
    public List<Activity> Spans { get; } = [];

    public List<Metric> Metrics { get; } = [];

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
    };

    protected override void ConfigureServices(IServiceCollection services) => services
        .ConfigureOpenTelemetryTracerProvider(traces => traces.AddInMemoryExporter(Spans))
        .ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(Metrics));
}
