using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansSessions.MultiProcess.Tests;

/// <summary>
/// Every request of the load with when it ended and whether it was answered as the client expected, so the run can
/// say what share failed and how long the cluster took to serve again after a silo was killed.
/// </summary>
public sealed class RequestLog
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<(TimeSpan At, TimeSpan Took, string? Failure)> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _examples = new();
    private TimeSpan? _killedAt;

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

    public void SiloKilled() => _killedAt = _clock.Elapsed;

    public Figures Summarize()
    {
        var requests = _requests.OrderBy(r => r.At).Select(r => (r.At, r.Took, Succeeded: r.Failure is null, r.Failure)).ToList();
        var killedAt = _killedAt ?? throw new InvalidOperationException("No silo was killed.");
        var afterKill = requests.Where(r => r.At >= killedAt).ToList();
        var failedAfterKill = afterKill.Where(r => !r.Succeeded).ToList();
        TimeSpan? firstFailure = failedAfterKill.Count == 0 ? null : failedAfterKill[0].At - killedAt;
        TimeSpan? lastFailure = failedAfterKill.Count == 0 ? null : failedAfterKill[^1].At - killedAt;
        TimeSpan? firstSuccessAfterFirstFailure = null;
        if (firstFailure is { } first && afterKill.Where(r => r.Succeeded && r.At - killedAt > first).ToList() is [var success, ..])
        {
            firstSuccessAfterFirstFailure = success.At - killedAt;
        }

        return new Figures(
            requests.Count,
            requests.Count(r => !r.Succeeded),
            afterKill.Count,
            failedAfterKill.Count,
            firstFailure,
            firstSuccessAfterFirstFailure,
            lastFailure,
            afterKill.Where(r => r.Succeeded).Select(r => r.Took).DefaultIfEmpty().Max(),
            string.Join(", ", requests.Where(r => !r.Succeeded).GroupBy(r => r.Failure).OrderByDescending(g => g.Count())
                .Select(g => $"{g.Count()} {g.Key}")));
    }

    /// <summary>
    /// What the load saw. Times are from the kill: the first failed request, the first success after it, and the last
    /// failed request (after it every request succeeded: the failover was over).
    /// </summary>
    public sealed record Figures(
        int Requests,
        int Failed,
        int RequestsAfterKill,
        int FailedAfterKill,
        TimeSpan? FirstFailure,
        TimeSpan? FirstSuccessAfterFirstFailure,
        TimeSpan? LastFailure,
        TimeSpan SlowestSuccessAfterKill,
        string FailureKinds)
    {
        public override string ToString() =>
            $"{Requests} requests, {Failed} failed ({100.0 * Failed / Math.Max(1, Requests):F1} %{(Failed > 0 ? $": {FailureKinds}" : "")}); after the kill "
            + $"{FailedAfterKill} of {RequestsAfterKill} failed ({100.0 * FailedAfterKill / Math.Max(1, RequestsAfterKill):F1} %); "
            + (LastFailure is null
                ? "no request failed after the kill"
                : $"first failure {Seconds(FirstFailure)} after the kill, first success after it {Seconds(FirstSuccessAfterFirstFailure)}, "
                  + $"last failure {Seconds(LastFailure)} (failover: every request succeeds from then on)")
            + $"; slowest successful request after the kill {SlowestSuccessAfterKill.TotalSeconds:F1} s";

        private static string Seconds(TimeSpan? time) => time is { } t ? $"{t.TotalSeconds:F1} s" : "none";
    }
}
