using System.Diagnostics;
using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Grains.UserDirectory;

namespace OrleansSessions.DirectoryBench;

/// <summary>
/// The median of <paramref name="runs"/> timed runs (after a sixth as many untimed) of each read an admin makes: the
/// first page (50 newest), the page after the middle user (the position a cursor carries), a page of an email prefix
/// that 100 users match, and the counts.
/// </summary>
public sealed class DirectoryTimings(IUserDirectory directory, int size, int runs)
{
    private const int Limit = 50;

    private readonly UserLister _lister = new(directory, TimeProvider.System);

    public async Task<string> Measure()
    {
        var middle = DirectoryLayout.Rows(DirectoryUnderTest.EntryOf(size / 2))
            .First(r => r.Partition == DirectoryLayout.NewestFirst(DirectoryLayout.All)).SortKey;
        var prefix = DirectoryUnderTest.EmailOf(size / 2)[..10];
        double[] medians =
        [
            await Median(() => _lister.List(Query(null, null)), expect: Limit),
            await Median(() => _lister.List(Query(null, middle)), expect: Limit),
            await Median(() => _lister.List(Query(prefix, null)), expect: Limit),
            await Median(async () => { await _lister.Count(); return new UserListPage([], null); }, expect: 0),
        ];
        return string.Join(" | ", medians.Select(m => m.ToString("F2")));
    }

    private static UserListQuery Query(string? search, string? after) => new(null, null, null, search, Limit, after);

    private async Task<double> Median(Func<Task<UserListPage>> read, int expect)
    {
        var times = new List<double>();
        var warmUp = Math.Max(1, runs / 6);
        for (var run = 0; run < warmUp + runs; run++)
        {
            var clock = Stopwatch.StartNew();
            var page = await read();
            if (page.Users.Count != expect)
            {
                throw new InvalidOperationException($"A read gave {page.Users.Count} users, not {expect}.");
            }

            if (run >= warmUp)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return times.Order().ElementAt(times.Count / 2);
    }
}
