using System.Globalization;

namespace OrleansSessions.Grains.UserDirectory;

/// <summary>
/// The live sessions, counted so that a read is exact at its moment (to the second) without reading any user. Each
/// session the directory knows adds one to four counters of its end (rounded up to the second): its day, its hour,
/// its minute and its second. At a moment, the sessions still live are those ending in the days after today, the hours
/// of today after this one, the minutes of this hour after this one and the seconds of this minute after this one:
/// four ranges of at most 180 + 23 + 59 + 59 counters, whatever the number of users.
/// </summary>
public static class SessionCounters
{
    public const string Prefix = "live-";

    private static readonly (string Level, long Seconds)[] Levels = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)];

    /// <summary>The counters a session ending at <paramref name="end"/> adds one to.</summary>
    public static IEnumerable<string> Of(DateTimeOffset end)
    {
        var second = (end.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
        return Levels.Select(l => Name(l.Level, second / l.Seconds));
    }

    /// <summary>The counters whose sum is the sessions live at <paramref name="now"/>.</summary>
    public static IReadOnlyList<CounterRange> LiveAt(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        var ranges = new List<CounterRange>(Levels.Length);
        long? endOfCoarser = null;
        foreach (var (level, seconds) in Levels)
        {
            ranges.Add(new CounterRange(
                Name(level, second / seconds),
                endOfCoarser is { } end ? Name(level, end / seconds) : Prefix + level + "."));
            endOfCoarser = ((second / seconds) + 1) * seconds;
        }

        return ranges;
    }

    private static string Name(string level, long bucket) =>
        Prefix + level + "-" + bucket.ToString("D12", CultureInfo.InvariantCulture);
}
