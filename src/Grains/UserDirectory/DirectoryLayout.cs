using System.Globalization;
using System.Text;
using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Abstractions.Users;

namespace OrleansSessions.Grains.UserDirectory;

/// <summary>
/// How the directory is keyed so that every page is one range read. A facet is a set of users one filter names
/// (<c>all</c>, <c>status-pending</c>, <c>type-server</c>, <c>provider-anon-user</c>); each facet is listed in two
/// orders, each a partition: <c>new-{facet}</c> keyed by creation time, newest first, then user id; and
/// <c>email-{facet}</c> keyed by the lower-case email's UTF-8 bytes in hex (so any email is a valid Azure Table key
/// and a prefix of an email is a prefix of its key), then user id. Each facet has a counter, and so have the devices
/// and the live sessions (<see cref="SessionCounters"/>).
/// </summary>
public static class DirectoryLayout
{
    public const string All = "all";

    /// <summary>Sorts after every key: a key is hex digits, digits and <c>-</c>.</summary>
    public const string End = "~";

    private const string Separator = "-";

    public static string StatusFacet(UserStatus status) => "status-" + status.ToString().ToLowerInvariant();

    public static string TypeFacet(string type) => "type-" + type;

    public static string ProviderFacet(string providerType) => "provider-" + providerType;

    public static string NewestFirst(string facet) => "new-" + facet;

    public static string ByEmail(string facet) => "email-" + facet;

    /// <summary>The start of the keys of the emails that begin with <paramref name="prefix"/>.</summary>
    public static string EmailPrefix(string prefix) =>
        Convert.ToHexStringLower(Encoding.UTF8.GetBytes(prefix.ToLowerInvariant()));

    public static IEnumerable<string> Facets(DirectoryEntry entry) =>
        [All, StatusFacet(entry.Status), TypeFacet(entry.Type), .. entry.ProviderTypes.Distinct().Select(ProviderFacet)];

    /// <summary>The rows of an entry: none for a deleted user (or none at all).</summary>
    public static IReadOnlyList<DirectoryRow> Rows(DirectoryEntry? entry)
    {
        if (entry is null || entry.Deleted)
        {
            return [];
        }

        var newest = (DateTimeOffset.MaxValue.UtcTicks - entry.CreatedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)
            + Separator + entry.UserId;
        var rows = Facets(entry).Select(f => new DirectoryRow(NewestFirst(f), newest));
        if (entry.Email is { } email)
        {
            var byEmail = EmailPrefix(email) + Separator + entry.UserId;
            rows = rows.Concat(Facets(entry).Select(f => new DirectoryRow(ByEmail(f), byEmail)));
        }

        return rows.ToList();
    }

    /// <summary>The counters of users (one per facet, <c>count-users-{facet}</c>) and of devices (<c>count-devices</c>).</summary>
    public static CounterRange Totals => new("count-", "count.");

    public static string UsersCounter(string facet) => "count-users-" + facet;

    public static string DevicesCounter => "count-devices";

    /// <summary>What an entry adds to the counters: one to each of its facets, and its sessions (<see cref="SessionCounters"/>).</summary>
    public static IReadOnlyDictionary<string, long> Counts(DirectoryEntry? entry) =>
        entry is null || entry.Deleted
            ? new Dictionary<string, long>()
            : Facets(entry).Select(UsersCounter).Concat(entry.SessionEnds.SelectMany(SessionCounters.Of))
                .GroupBy(name => name).ToDictionary(g => g.Key, g => (long)g.Count());

    /// <summary>How the counters change when <paramref name="before"/> becomes <paramref name="after"/>; zeros left out.</summary>
    public static IReadOnlyDictionary<string, long> CountChanges(DirectoryEntry? before, DirectoryEntry? after)
    {
        var changes = Counts(after).ToDictionary();
        foreach (var (name, count) in Counts(before))
        {
            changes[name] = changes.GetValueOrDefault(name) - count;
        }

        return changes.Where(c => c.Value != 0).ToDictionary();
    }

    /// <summary>The counts from the counters of <see cref="Totals"/> and of <see cref="SessionCounters.LiveAt"/>.</summary>
    public static DirectoryCounts ToCounts(IReadOnlyDictionary<string, long> counters) => new(
        counters.GetValueOrDefault(UsersCounter(All)),
        counters.GetValueOrDefault(UsersCounter(StatusFacet(UserStatus.Confirmed))),
        counters.GetValueOrDefault(UsersCounter(StatusFacet(UserStatus.Pending))),
        counters.GetValueOrDefault(UsersCounter(StatusFacet(UserStatus.Disabled))),
        counters.GetValueOrDefault(UsersCounter(ProviderFacet(ProviderTypes.Anonymous))),
        counters.GetValueOrDefault(UsersCounter(TypeFacet(UserTypes.Server))),
        counters.Where(c => c.Key.StartsWith(SessionCounters.Prefix, StringComparison.Ordinal)).Sum(c => c.Value),
        counters.GetValueOrDefault(DevicesCounter));
}
