using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansSessions.Gateway.Startup;

/// <summary>A health answer that says which check failed: <c>{"status", "checks": [{"name","status","description"}]}</c>.</summary>
public static class HealthResponse
{
    public static Task Write(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(entry => new
            {
                name = entry.Key,
                status = entry.Value.Status.ToString(),
                description = entry.Value.Description,
            }),
        }, cancellationToken: context.RequestAborted);
    }
}
