using System.Globalization;
using System.Text;
using ScottPlot;

namespace OrleansSessions.LoadTool;

public sealed class BenchReport
{
    public required BenchOptions Options { get; init; }
    public required string Machine { get; init; }
    public ScenarioResult? Bare { get; set; }
    public ScenarioResult? Actor { get; set; }
    public List<ScenarioResult> Scenarios { get; } = [];
    public List<FanOutResult> FanOut { get; } = [];
    public MemoryResult? Memory { get; set; }
    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine(Inv, $"Run {Started:yyyy-MM-dd HH:mm} UTC on {Machine}; concurrency {Options.Concurrency}, warm-up {Options.WarmUp.TotalSeconds:F0} s, measured {Options.Duration.TotalSeconds:F0} s per scenario.");
        if (Options.MachineNote is not null)
        {
            md.AppendLine().AppendLine(Inv, $"Machine load: {Options.MachineNote}");
        }

        md.AppendLine().AppendLine("| scenario | req/s | vs bare Kestrel | vs Kestrel + 1 grain call | p50 ms | p90 ms | p99 ms | max ms | errors |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in All())
        {
            md.AppendLine(Inv, $"| {s.Name} | {s.Throughput:F0} | {Ratio(s, Bare)} | {Ratio(s, Actor)} | {s.Latency.P50:F2} | {s.Latency.P90:F2} | {s.Latency.P99:F2} | {s.Latency.Max:F1} | {s.Errors} |");
        }

        foreach (var s in All().Where(s => s.FirstError is not null))
        {
            md.AppendLine().AppendLine(Inv, $"First error of {s.Name}: `{Trim(s.FirstError!)}`");
        }

        if (FanOut.Count > 0)
        {
            md.AppendLine().AppendLine("Revoke fan-out (one user on N devices; `POST /v1/admin/users/{id}/revoke-sessions`):").AppendLine();
            md.AppendLine("| N devices | repetitions | devices listed | ack p50 ms | ack p99 ms | every device updated p50 ms | p99 ms | devices not yet updated at ack |");
            md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var f in FanOut)
            {
                md.AppendLine(Inv, $"| {f.Devices} | {f.Repetitions} | {f.Verified} | {f.Ack.P50:F1} | {f.Ack.P99:F1} | {f.Updated.P50:F1} | {f.Updated.P99:F1} | {f.StaleAtAck} |");
            }
        }

        if (Memory is { } m)
        {
            md.AppendLine().AppendLine("Memory (in-process silo, in-memory storage, GC heap after a forced compacting gen-2 collection):").AppendLine();
            md.AppendLine("| devices | users | users per device | activations (devices / users / all) | bytes per empty device activation | bytes per activation, devices + users logged in | bytes per device, everything included |");
            md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
            md.AppendLine(Inv, $"| {m.Devices} | {m.Users} | {Options.MemoryUsersPerDevice} | {m.DeviceActivations} / {m.UserActivations} / {m.Activations} | {PerEmptyDevice(m):F0} | {PerActivation(m):F0} | {PerDevice(m):F0} |");
        }

        md.AppendLine().AppendLine("Targets:").AppendLine();
        md.AppendLine("| target | measured | met |").AppendLine("|---|---|---|");
        foreach (var (target, measured, met) in Targets())
        {
            md.AppendLine(Inv, $"| {target} | {measured} | {(met is null ? "not measured" : met.Value ? "yes" : "**no**")} |");
        }

        return md.ToString();
    }

    public static double PerEmptyDevice(MemoryResult m) => (double)(m.HeapAfterDevices - m.HeapBefore) / m.Devices;
    public static double PerActivation(MemoryResult m) => (double)(m.HeapAfterAll - m.HeapBefore) / Math.Max(1, m.DeviceActivations + m.UserActivations);
    public static double PerDevice(MemoryResult m) => (double)(m.HeapAfterAll - m.HeapBefore) / m.Devices;

    public IEnumerable<(string Target, string Measured, bool? Met)> Targets()
    {
        ScenarioResult? Find(string name) => Scenarios.FirstOrDefault(s => s.Name == name);
        double Share(ScenarioResult? s) => s is null || Bare is null ? double.NaN : s.Throughput / Bare.Throughput;
        var read = Find("validated read");
        yield return ("validated read ≥ 35 % of bare Kestrel, p99 < 10 ms",
            read is null ? "-" : $"{Share(read):P0}, p99 {read.Latency.P99:F1} ms",
            read is null || Bare is null ? null : Share(read) >= 0.35 && read.Latency.P99 < 10 && read.Errors == 0);
        foreach (var name in new[] { "refresh", "switch" })
        {
            var s = Find(name);
            yield return ($"{name} ≥ 20 % of bare Kestrel", s is null ? "-" : $"{Share(s):P0}",
                s is null || Bare is null ? null : Share(s) >= 0.20 && s.Errors == 0);
        }

        foreach (var (n, limit) in new[] { (1000, 250.0), (10000, 2000.0) })
        {
            var f = FanOut.FirstOrDefault(f => f.Devices == n);
            yield return ($"revoke on {n} devices, every device updated, p99 < {limit:F0} ms",
                f is null ? "-" : $"{Math.Max(f.Updated.P99, f.Ack.P99):F0} ms", f is null ? null : Math.Max(f.Updated.P99, f.Ack.P99) < limit);
        }

        yield return ("≤ 3 KiB per idle device activation", Memory is null ? "-" :
            $"{PerActivation(Memory) / 1024:F2} KiB per activation (devices and users), {PerEmptyDevice(Memory) / 1024:F2} KiB per empty device",
            Memory is null ? null : PerActivation(Memory) <= 3072);
    }

    public void WriteFiles(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "results.md"), Markdown());
        var all = All().ToList();
        if (all.Count > 0)
        {
            var plot = new Plot();
            var bars = plot.Add.Bars(all.Select(s => s.Throughput).ToArray());
            bars.Color = Colors.SteelBlue;
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, all.Count).Select(i => (double)i).ToArray(), all.Select(Label).ToArray());
            plot.Axes.Bottom.MinimumSize = 60;
            plot.Axes.Margins(bottom: 0);
            plot.Title($"Throughput, {Options.Concurrency} concurrent requests");
            plot.YLabel("requests per second");
            plot.SavePng(Path.Combine(directory, "throughput.png"), 900, 500);

            // Login (PBKDF2-bound, seconds under load) would flatten every other bar: it is in the table only.
            all = [.. all.Where(s => s.Name != "login")];
            var latency = new Plot();
            var series = new[] { ("p50", (Func<Latencies, double>)(l => l.P50)), ("p90", l => l.P90), ("p99", l => l.P99) };
            var palette = new[] { Colors.SteelBlue, Colors.Orange, Colors.Crimson };
            var grouped = new List<Bar>();
            for (var i = 0; i < all.Count; i++)
            {
                for (var k = 0; k < series.Length; k++)
                {
                    grouped.Add(new Bar { Position = i * 4 + k, Value = series[k].Item2(all[i].Latency), FillColor = palette[k] });
                }
            }

            latency.Add.Bars(grouped);
            latency.Axes.Bottom.SetTicks(Enumerable.Range(0, all.Count).Select(i => i * 4 + 1.0).ToArray(), all.Select(Label).ToArray());
            latency.Axes.Bottom.MinimumSize = 60;
            latency.Axes.Margins(bottom: 0);
            for (var k = 0; k < series.Length; k++)
            {
                latency.Legend.ManualItems.Add(new LegendItem { LabelText = series[k].Item1, FillColor = palette[k] });
            }

            latency.ShowLegend(Alignment.UpperLeft);
            latency.Title("Latency (ms; login left out, see the table)");
            latency.YLabel("milliseconds");
            latency.SavePng(Path.Combine(directory, "latency.png"), 900, 500);
        }

        if (FanOut.Count > 0)
        {
            var plot = new Plot();
            var xs = FanOut.Select(f => Math.Log10(f.Devices)).ToArray();
            var ack = plot.Add.Scatter(xs, FanOut.Select(f => f.Ack.P99).ToArray());
            ack.LegendText = "acknowledged, p99";
            var ack50 = plot.Add.Scatter(xs, FanOut.Select(f => f.Ack.P50).ToArray());
            ack50.LegendText = "acknowledged, p50";
            var updated = plot.Add.Scatter(xs, FanOut.Select(f => f.Updated.P99).ToArray());
            updated.LegendText = "every device updated, p99";
            updated.LinePattern = LinePattern.Dashed;
            plot.Axes.Bottom.SetTicks(xs, FanOut.Select(f => f.Devices.ToString(Inv)).ToArray());
            plot.ShowLegend(Alignment.UpperLeft);
            plot.Title("Revoke fan-out: time against devices per user");
            plot.XLabel("devices the user is logged in on (log scale)");
            plot.YLabel("milliseconds");
            plot.SavePng(Path.Combine(directory, "fanout.png"), 900, 500);
        }
    }

    private static string Label(ScenarioResult s) => s.Name.Replace(" + ", "\n+ ").Replace("validated ", "validated\n").Replace("bare ", "bare\n");

    private IEnumerable<ScenarioResult> All() =>
        new[] { Bare, Actor }.OfType<ScenarioResult>().Concat(Scenarios);

    private static string Ratio(ScenarioResult s, ScenarioResult? baseline) =>
        baseline is null || baseline.Throughput <= 0 ? "-" : (s.Throughput / baseline.Throughput).ToString("P1", Inv);

    private static string Trim(string text) => (text.Length > 200 ? text[..200] + "…" : text).Replace('`', '\'').ReplaceLineEndings(" ");
}
