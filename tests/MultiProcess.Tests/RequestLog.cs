using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansSessions.MultiProcess.Tests;

/// <summary>
/// Every request of the load with when it ended, how long it took, and whether it was answered as the client
/// expected, so that the run can say, for the time around each fault, what share failed, for how long, and how long
/// a client waited at most.
/// </summary>
public sealed class RequestLog
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<(TimeSpan At, TimeSpan Took, string? Failure)> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _examples = new();

    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Records a request that ended now: <paramref name="failure"/> is null when it got its expected answer, else what it got.</summary>
    public void Record(TimeSpan startedAt, string? failure, string? detail = null)
    {
        _requests.Enqueue((_clock.Elapsed, _clock.Elapsed - startedAt, failure));
        if (failure is not null && detail is not null)
        {
            var examples = _examples.GetOrAdd(failure, _ => new ConcurrentQueue<string>());
            if (examples.Count < 3)
            {
                examples.Enqueue(detail);
            }
        }
    }

    /// <summary>How many requests got each kind of failure ("timed out", "answered 503", ...).</summary>
    public IReadOnlyDictionary<string, int> FailureCounts =>
        _requests.Where(r => r.Failure is not null).GroupBy(r => r.Failure!).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>A few of the answers of each kind of failure, to tell what failed.</summary>
    public string FailureExamples => string.Join("\n", _examples.SelectMany(kind => kind.Value.Select(detail => $"  {kind.Key}: {detail}")));

    /// <summary>What the requests that ended from <paramref name="from"/> (a fault) to <paramref name="to"/> saw.</summary>
    public Figures Summarize(TimeSpan from, TimeSpan to)
    {
        var requests = _requests.Where(r => r.At >= from && r.At < to).OrderBy(r => r.At).ToList();
        var failed = requests.Where(r => r.Failure is not null).ToList();
        return new Figures(
            requests.Count,
            failed.Count,
            failed.Count == 0 ? null : failed[0].At - from,
            failed.Count == 0 ? null : failed[^1].At - from,
            requests.Where(r => r.Failure is null).Select(r => r.Took).DefaultIfEmpty().Max(),
            requests.Select(r => r.Took).DefaultIfEmpty().Max(),
            string.Join(", ", failed.GroupBy(r => r.Failure).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}")));
    }

    /// <summary>
    /// What the load saw in a window: times are from its start (the fault); the failure window runs from the first
    /// failed request to the last one, after which every request succeeded.
    /// </summary>
    public sealed record Figures(
        int Requests,
        int Failed,
        TimeSpan? FirstFailure,
        TimeSpan? LastFailure,
        TimeSpan SlowestSuccess,
        TimeSpan SlowestAnswer,
        string FailureKinds)
    {
        public double FailedPercent => 100.0 * Failed / Math.Max(1, Requests);

        public override string ToString() =>
            $"{Requests} requests, {Failed} failed ({FailedPercent:F2} %{(Failed > 0 ? $": {FailureKinds}" : "")}); "
            + (LastFailure is null
                ? "no failure window"
                : $"failure window {Seconds(FirstFailure)} to {Seconds(LastFailure)} after the fault")
            + $"; slowest successful request {SlowestSuccess.TotalSeconds:F1} s, slowest of all {SlowestAnswer.TotalSeconds:F1} s";

        private static string Seconds(TimeSpan? time) => time is { } t ? $"{t.TotalSeconds:F1} s" : "none";
    }
}
