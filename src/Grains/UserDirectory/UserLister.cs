using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.UserDirectory;

namespace OrleansSessions.Grains.UserDirectory;

/// <summary>
/// Answers a <see cref="UserListQuery"/> with range reads of one partition: the facet of one filter (the smallest,
/// by its counter, when several are given) in the order the query asks for, the other filters checked on each row.
/// With one filter or none every row read is a match, so a page costs the same however many users there are.
/// </summary>
public sealed class UserLister(IUserDirectory directory, TimeProvider time)
{
    private const int MinimumRead = 50;

    public async Task<UserListPage> List(UserListQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Search is { } id && Ids.IsWellFormed(id))
        {
            var found = await directory.Find(id, cancellationToken);
            return new UserListPage(found is not null && query.After is null && Matches(query, found) ? [found] : [], null);
        }

        var facet = await DrivingFacet(query, cancellationToken);
        var (partition, from, before) = query.Search is { } search
            ? (DirectoryLayout.ByEmail(facet), DirectoryLayout.EmailPrefix(search), DirectoryLayout.EmailPrefix(search) + DirectoryLayout.End)
            : (DirectoryLayout.NewestFirst(facet), "", DirectoryLayout.End);
        var after = query.After ?? from;
        var matches = new List<ListedUser>(query.Limit + 1);
        while (matches.Count <= query.Limit)
        {
            var take = Math.Max(query.Limit + 1 - matches.Count, MinimumRead);
            var rows = await directory.Range(partition, after, before, take, cancellationToken);
            matches.AddRange(rows.Where(r => Matches(query, r.Entry)).Take(query.Limit + 1 - matches.Count));
            if (rows.Count < take)
            {
                break;
            }

            after = rows[^1].SortKey;
        }

        return matches.Count > query.Limit
            ? new UserListPage(matches.Take(query.Limit).Select(m => m.Entry).ToList(), matches[query.Limit - 1].SortKey)
            : new UserListPage(matches.Select(m => m.Entry).ToList(), null);
    }

    /// <summary>The counts: a few counter ranges, whatever the number of users (<see cref="SessionCounters"/>).</summary>
    public async Task<DirectoryCounts> Count(CancellationToken cancellationToken = default) =>
        DirectoryLayout.ToCounts(await directory.Counters(
            [DirectoryLayout.Totals, .. SessionCounters.LiveAt(time.GetUtcNow())], cancellationToken));

    private async Task<string> DrivingFacet(UserListQuery query, CancellationToken cancellationToken)
    {
        string[] facets =
        [
            .. query.Status is { } status ? [DirectoryLayout.StatusFacet(status)] : Array.Empty<string>(),
            .. query.Type is { } type ? [DirectoryLayout.TypeFacet(type)] : Array.Empty<string>(),
            .. query.Provider is { } provider ? [DirectoryLayout.ProviderFacet(provider)] : Array.Empty<string>(),
        ];
        if (facets.Length < 2)
        {
            return facets.SingleOrDefault() ?? DirectoryLayout.All;
        }

        var counters = await directory.Counters([DirectoryLayout.Totals], cancellationToken);
        return facets.MinBy(f => counters.GetValueOrDefault(DirectoryLayout.UsersCounter(f)))!;
    }

    private static bool Matches(UserListQuery query, DirectoryEntry entry) =>
        !entry.Deleted
        && (query.Status is null || entry.Status == query.Status)
        && (query.Type is null || entry.Type == query.Type)
        && (query.Provider is null || entry.ProviderTypes.Contains(query.Provider));
}
