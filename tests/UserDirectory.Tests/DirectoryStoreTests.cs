using Microsoft.Extensions.Time.Testing;
using OrleansSessions.Abstractions.UserDirectory;
using OrleansSessions.Abstractions.Users;
using OrleansSessions.Grains.UserDirectory;

namespace OrleansSessions.UserDirectory.Tests;

/// <summary>
/// What every directory store must do, run on each (SQLite here, Azure Table on Azurite): writes idempotent by version,
/// rows and counters that follow each change, and pages that neither repeat nor skip while the directory changes.
/// </summary>
public abstract class DirectoryStoreTests
{
    protected abstract IUserDirectory Store { get; }

    /// <summary>Two seconds before a day ends, and not on a whole second, so ends cross every level of the counters.</summary>
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 23, 59, 58, 300, TimeSpan.Zero));

    protected UserLister Lister => new(Store, _clock);

    [Fact]
    public async Task An_entry_is_kept_at_its_highest_version_and_a_late_or_repeated_one_changes_nothing()
    {
        var user = Entries.New("late@example.com", UserStatus.Pending);
        var confirmed = user.Next() with { Status = UserStatus.Confirmed };
        await Store.Apply([user]);
        await Store.Apply([confirmed]);
        await Store.Apply([user]);
        await Store.Apply([confirmed]);

        Assert.Equal(confirmed, await Store.Find(user.UserId), EntryComparer.Instance);
        Assert.Contains(user.UserId, await Ids(new UserListQuery(UserStatus.Confirmed, null, null, null, 200, null)));
        Assert.DoesNotContain(user.UserId, await Ids(new UserListQuery(UserStatus.Pending, null, null, null, 200, null)));
    }

    [Fact]
    public async Task Counters_follow_every_change_and_a_deleted_user_is_neither_listed_nor_counted()
    {
        var before = await Lister.Count();
        var user = Entries.New("count@example.com", UserStatus.Pending, ProviderTypes.Anonymous);
        await Store.Apply([user]);
        var ends = new[] { _clock.GetUtcNow().AddHours(1), _clock.GetUtcNow().AddDays(2) };
        await Store.Apply([user.Next() with { Status = UserStatus.Disabled, SessionEnds = ends }]);
        var disabled = await Lister.Count();
        Assert.Equal(before with { All = before.All + 1, Disabled = before.Disabled + 1, Anonymous = before.Anonymous + 1, LiveSessions = before.LiveSessions + 2 }, disabled);

        await Store.Apply([user.Next().Next() with { Deleted = true }]);
        Assert.Equal(before, await Lister.Count());
        Assert.DoesNotContain(user.UserId, await Ids(new UserListQuery(null, null, ProviderTypes.Anonymous, null, 200, null)));
        Assert.Empty((await Lister.List(new UserListQuery(null, null, null, user.UserId, 10, null))).Users);
    }

    [Fact]
    public async Task A_search_finds_users_by_email_prefix_in_email_order_and_by_exact_id()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var users = new[] { "b", "a2", "A1", "c" }.Select(n => Entries.New($"{tag}{n}@example.com")).ToList();
        await Store.Apply(users);
        await Store.Apply([users[3].Next() with { Status = UserStatus.Disabled }]);

        var found = await Lister.List(new UserListQuery(null, null, null, tag + "a", 10, null));
        Assert.Equal([$"{tag}A1@example.com", $"{tag}a2@example.com"], found.Users.Select(u => u.Email));
        Assert.Null(found.EndsAt);
        var disabled = await Lister.List(new UserListQuery(UserStatus.Disabled, null, null, tag, 10, null));
        Assert.Equal(users[3].UserId, Assert.Single(disabled.Users).UserId);
        Assert.Equal(users[0].UserId, Assert.Single((await Lister.List(new UserListQuery(null, null, null, users[0].UserId, 10, null))).Users).UserId);
    }

    [Fact]
    public async Task A_walk_neither_repeats_nor_skips_a_stable_user_while_others_come_and_go()
    {
        var provider = "walk-" + Guid.NewGuid().ToString("N")[..8];
        var stable = Enumerable.Range(0, 60).Select(_ => Entries.New(provider: provider)).ToList();
        var doomed = Enumerable.Range(0, 30).Select(_ => Entries.New(provider: provider)).ToList();
        await Store.Apply([.. stable, .. doomed]);

        var seen = new List<string>();
        var query = new UserListQuery(null, null, provider, null, 7, null);
        var round = 0;
        do
        {
            var page = await Lister.List(query);
            Assert.True(page.EndsAt is null || page.Users.Count == 7);
            seen.AddRange(page.Users.Select(u => u.UserId));
            await Store.Apply([Entries.New(provider: provider), doomed[round++] with { Version = 2, Deleted = true }]);
            query = query with { After = page.EndsAt };
        }
        while (query.After is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Empty(stable.Select(s => s.UserId).Except(seen));
        var newestFirst = stable.OrderByDescending(s => s.CreatedAt).Select(s => s.UserId).ToList();
        Assert.Equal(newestFirst, seen.Where(newestFirst.Contains));
    }

    [Fact]
    public async Task A_session_counts_as_live_until_its_end_and_not_a_second_after_at_any_distance()
    {
        var now = _clock.GetUtcNow();
        DateTimeOffset[] ends =
        [
            now.AddSeconds(0.4), now.AddSeconds(1.9), now.AddSeconds(61), now.AddMinutes(119.99), now.AddHours(5),
            now.AddDays(2).AddSeconds(5), now.AddDays(59),
        ];
        await Store.Apply([Entries.New() with { SessionEnds = ends[..4] }, Entries.New() with { SessionEnds = ends[4..] }]);

        foreach (var moment in ends.SelectMany(end => new[] { end.AddSeconds(-1), end.AddSeconds(1) }).Where(m => m > now).Prepend(now).Order())
        {
            _clock.SetUtcNow(moment);
            Assert.Equal(ends.Count(end => end > moment), (await Lister.Count()).LiveSessions);
        }
    }

    [Fact]
    public async Task A_user_with_many_sessions_moves_every_counter_once_whatever_it_holds()
    {
        var before = await Lister.Count();
        var user = Entries.New() with { SessionEnds = Enumerable.Range(1, 40).Select(i => _clock.GetUtcNow().AddMinutes(i * 7.3)).ToList() };
        await Store.Apply([user]);
        await Store.Apply([user]);
        Assert.Equal(before with { All = before.All + 1, Confirmed = before.Confirmed + 1, LiveSessions = before.LiveSessions + 40 }, await Lister.Count());

        await Store.Apply([user.Next() with { SessionEnds = [] }]);
        Assert.Equal(before with { All = before.All + 1, Confirmed = before.Confirmed + 1 }, await Lister.Count());
        await Store.Apply([user.Next().Next() with { Deleted = true }]);
        Assert.Equal(before, await Lister.Count());
    }

    [Fact]
    public async Task A_device_is_counted_once_and_stays_counted_when_the_users_are_cleared()
    {
        var (phone, laptop) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        await Store.AddDevice(phone);
        await Store.AddDevice(phone);
        await Store.AddDevice(laptop);
        await Store.Apply([Entries.New()]);
        Assert.Equal(2, (await Lister.Count()).Devices);

        await Store.Clear();
        await Store.AddDevice(laptop);
        Assert.Equal(new DirectoryCounts(0, 0, 0, 0, 0, 0, 0, 2), await Lister.Count());
    }

    private async Task<IReadOnlyList<string>> Ids(UserListQuery query) =>
        (await Lister.List(query)).Users.Select(u => u.UserId).ToList();
}
