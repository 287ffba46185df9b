using OrleansSessions.DirectoryBench;

// usage: DirectoryBench sqlite <file> <size>... | azure <connection string> <size>...
// Seeds each size in turn (growing the same directory) and prints a Markdown row of timings per size, each the median
// of DIRECTORY_BENCH_RUNS reads (default 30). Seeding stops at DIRECTORY_BENCH_SEED_MINUTES (default: none) per size,
// and the row gives the users actually seeded.
if (args is not [("sqlite" or "azure") and var store, var where, .. var sizes] || sizes.Length == 0)
{
    Console.Error.WriteLine("usage: DirectoryBench sqlite <file> <size>... | azure <connection string> <size>...");
    return 2;
}

var budget = Environment.GetEnvironmentVariable("DIRECTORY_BENCH_SEED_MINUTES") is { } minutes
    ? TimeSpan.FromMinutes(double.Parse(minutes, System.Globalization.CultureInfo.InvariantCulture))
    : TimeSpan.MaxValue;
var runs = int.Parse(Environment.GetEnvironmentVariable("DIRECTORY_BENCH_RUNS") ?? "30", System.Globalization.CultureInfo.InvariantCulture);
await using var bench = DirectoryUnderTest.Open(store, where);
Console.WriteLine("| store | users | seed s | first page ms | middle page ms | prefix search ms | stats ms |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var size in sizes.Select(int.Parse))
{
    var (seeded, users) = await bench.SeedTo(size, budget);
    var timings = await new DirectoryTimings(bench.Directory, users, runs).Measure();
    Console.WriteLine($"| {store} | {users:N0} | {seeded.TotalSeconds:F1} | {timings} |");
}

return 0;
