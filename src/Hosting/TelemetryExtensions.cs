using OrleansSessions.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OrleansSessions.Grains;

namespace OrleansSessions.Hosting;

public static class TelemetryExtensions
{
    /// <summary>
    /// OpenTelemetry for a silo or a gateway, when there is somewhere to send it (the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> setting): traces of requests, grain calls and storage (Orleans's activity
    /// sources), metrics of .NET, Orleans and the service, exported over OTLP. Without an endpoint nothing is
    /// collected at all: it would be dropped, and recording it costs every request and every grain call.
    /// </summary>
    public static IHostApplicationBuilder AddSessionsTelemetry(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<TracerProviderBuilder>? tracing = null,
        Action<MeterProviderBuilder>? metrics = null)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(traces =>
            {
                // Orleans files grain interfaces whose namespace starts with "Orleans" (as OrleansSessions's do) under its
                // runtime source, so the service's grain calls are traced from there.
                traces.AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.Orleans.Storage");
                tracing?.Invoke(traces);
            })
            .WithMetrics(meters =>
            {
                meters.AddMeter("Microsoft.Orleans", SessionsMeter.Name).AddRuntimeInstrumentation();
                metrics?.Invoke(meters);
            })
            .UseOtlpExporter();
        return builder;
    }
}
