using System.Diagnostics;

namespace OrleansSessions.LoadTool;

/// <summary>Latency percentiles (nearest rank) of a set of samples in Stopwatch ticks, in milliseconds.</summary>
public sealed record Latencies(int Count, double P50, double P90, double P99, double Max)
{
    public static Latencies Of(IEnumerable<long> ticks)
    {
        var sorted = ticks.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Latencies(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double At(double q) => Ms(sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)]);
        return new Latencies(sorted.Length, At(0.50), At(0.90), At(0.99), Ms(sorted[^1]));
    }

    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>One closed-loop scenario's outcome: measured requests per second, latencies and failures.</summary>
public sealed record ScenarioResult(string Name, string Description, double Throughput, Latencies Latency, long Errors, string? FirstError);

/// <summary>
/// Drives an operation from <c>concurrency</c> workers in a closed loop: each sends its next request when its last
/// one is answered. Every answer that arrives within the measured window (after <c>warmUp</c>, for <c>duration</c>)
/// counts for throughput and latency; no request is sent after the window.
/// </summary>
public static class ClosedLoop
{
    public static async Task<ScenarioResult> RunAsync(
        string name, string description, int concurrency, TimeSpan warmUp, TimeSpan duration,
        Func<int, long, Task<string?>> operation)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var end = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var samples = new List<long>[concurrency];
        var errors = new long[concurrency];
        string? firstError = null;

        async Task Worker(int worker)
        {
            var mine = samples[worker] = new List<long>(4096);
            for (long iteration = 0; ; iteration++)
            {
                var sent = Stopwatch.GetTimestamp();
                if (sent >= end)
                {
                    return;
                }

                string? error;
                try
                {
                    error = await operation(worker, iteration);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    error = e.GetType().Name + ": " + e.Message;
                }

                var answered = Stopwatch.GetTimestamp();
                if (answered >= measureFrom && answered <= end)
                {
                    mine.Add(answered - sent);
                    if (error is not null)
                    {
                        errors[worker]++;
                        Interlocked.CompareExchange(ref firstError, error, null);
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(() => Worker(w))));
        var all = samples.SelectMany(s => s).ToList();
        return new ScenarioResult(name, description, all.Count / duration.TotalSeconds, Latencies.Of(all), errors.Sum(), firstError);
    }
}
