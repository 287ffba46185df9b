using OrleansSessions.DirectoryBench;

// usage: DirectoryBench sqlite <file> <size>... | azure <connection string> <size>...
// Seeds each size in turn (growing the same directory) and prints a Markdown row of timings per size.
if (args is not [("sqlite" or "azure") and var store, var where, .. var sizes] || sizes.Length == 0)
{
    Console.Error.WriteLine("usage: DirectoryBench sqlite <file> <size>... | azure <connection string> <size>...");
    return 2;
}

await using var bench = DirectoryUnderTest.Open(store, where);
Console.WriteLine("| store | users | seed s | first page ms | middle page ms | prefix search ms | stats ms |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var size in sizes.Select(int.Parse))
{
    var seeded = await bench.SeedTo(size);
    var timings = await new DirectoryTimings(bench.Directory, size).Measure();
    Console.WriteLine($"| {store} | {size:N0} | {seeded.TotalSeconds:F1} | {timings} |");
}

return 0;
