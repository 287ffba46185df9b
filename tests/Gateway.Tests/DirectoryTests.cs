using System.Diagnostics;
using System.Net;
using System.Text.Json;
using static OrleansSessions.Gateway.Tests.Api;
using static OrleansSessions.Gateway.Tests.DirectoryCalls;

namespace OrleansSessions.Gateway.Tests;

/// <summary>ADMIN.md's user directory over HTTP: the list, its filters and cursor, the counts, and following every change.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class DirectoryTests(DefaultGateway gateway) : IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_search_lists_users_by_email_prefix_in_email_order_page_by_page()
    {
        var tag = $"dir-{Guid.NewGuid():N}"[..16];
        var accounts = new List<Account>();
        foreach (var name in new[] { "d", "a", "c", "b", "e" })
        {
            accounts.Add(await _api.Register($"{tag}-{name}@example.com"));
        }

        var first = await List($"q={tag.ToUpperInvariant()}&limit=2");
        var users = first.GetProperty("users").EnumerateArray().ToList();
        Assert.Equal(2, users.Count);
        Fields(users[0], "userId", "email", "status", "type", "providerTypes", "createdAt", "lastLoginAt");
        Assert.Equal("normal", users[0].GetProperty("type").GetString());
        Assert.Equal(["local-userpass"], users[0].GetProperty("providerTypes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(JsonValueKind.Null, users[0].GetProperty("lastLoginAt").ValueKind);
        var emails = users.Select(u => u.GetProperty("email").GetString()).ToList();
        var cursor = first.GetProperty("nextCursor").GetString();
        while (cursor is not null)
        {
            var page = await List($"q={tag}&limit=2&cursor={Uri.EscapeDataString(cursor)}");
            emails.AddRange(page.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("email").GetString()));
            cursor = page.GetProperty("nextCursor").GetString();
        }

        Assert.Equal(accounts.Select(a => a.Email).Order(StringComparer.Ordinal), emails);
        var byId = await List($"q={accounts[0].UserId}");
        Assert.Equal(accounts[0].Email, Assert.Single(byId.GetProperty("users").EnumerateArray()).GetProperty("email").GetString());
    }

    [Fact]
    public async Task Without_a_search_the_newest_users_come_first()
    {
        var older = await _api.Register();
        var newer = await _api.Register();

        var ids = (await List("limit=200")).GetProperty("users").EnumerateArray().Select(u => u.GetProperty("userId").GetString()).ToList();

        Assert.True(ids.IndexOf(newer.UserId) is >= 0 and var n && n < ids.IndexOf(older.UserId));
    }

    [Fact]
    public async Task Every_change_of_a_user_shows_in_the_directory_and_its_counts_within_a_second()
    {
        var device = await _api.NewDevice();
        var before = await _api.Stats();
        var account = await _api.Register();
        await Shows(account.UserId, "status=confirmed", u => u.GetProperty("lastLoginAt").ValueKind == JsonValueKind.Null);

        await _api.LogIn(device, account);
        await Shows(account.UserId, "status=confirmed", u => u.GetProperty("lastLoginAt").ValueKind == JsonValueKind.String);
        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/disable"));
        await Shows(account.UserId, "status=disabled");
        var disabled = await _api.Stats();
        Assert.Equal(before.GetProperty("users").GetProperty("disabled").GetInt64() + 1, disabled.GetProperty("users").GetProperty("disabled").GetInt64());
        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/enable"));
        await Shows(account.UserId, "status=confirmed");
        await NoContent(await _api.Admin(HttpMethod.Delete, $"/v1/admin/users/{account.UserId}"));
        await Gone(account.UserId);
        Assert.Equal(AllUsers(before), AllUsers(await _api.Stats()));

        var anonymous = await _api.LogIn(device, Anonymous);
        await Shows(anonymous.UserId, "provider=anon-user", u => u.GetProperty("email").ValueKind == JsonValueKind.Null);
        var identity = await _api.Register();
        await Json(await _api.Link(anonymous.AccessToken, Password(identity)));
        await Shows(anonymous.UserId, "provider=local-userpass", u => u.GetProperty("email").GetString() == identity.Email);
        await Gone(identity.UserId);
    }

    [Fact]
    public async Task Stats_count_users_by_status_and_kind_their_live_sessions_and_the_devices()
    {
        var before = await _api.Stats();
        Fields(before, "users", "anonymousUsers", "serverUsers", "liveSessions", "devices");
        Fields(before.GetProperty("users"), "confirmed", "pending", "disabled");
        var device = await _api.NewDevice();

        var anonymous = await _api.LogIn(device, Anonymous);
        await Shows(anonymous.UserId, "provider=anon-user");

        var after = await _api.Stats();
        Assert.Equal(Count(before, "anonymousUsers") + 1, Count(after, "anonymousUsers"));
        Assert.Equal(Count(before, "liveSessions") + 1, Count(after, "liveSessions"));
        Assert.Equal(Count(before, "devices") + 1, Count(after, "devices"));
    }

    [Theory]
    [InlineData("status=active")]
    [InlineData("status=Confirmed")]
    [InlineData("type=robot")]
    [InlineData("provider=Local_UserPass")]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("limit=ten")]
    [InlineData("limit=1.5")]
    [InlineData("limit=-1")]
    [InlineData("cursor=garbage")]
    [InlineData("cursor=a.b")]
    public async Task A_bad_filter_limit_or_cursor_is_a_validation_problem(string query)
    {
        await Problem(await _api.Admin(HttpMethod.Get, $"/v1/admin/users?{query}"), HttpStatusCode.BadRequest, "validation-failed");
    }

    [Fact]
    public async Task A_cursor_altered_or_passed_with_other_filters_is_refused()
    {
        await _api.Register();
        await _api.Register();
        var cursor = (await List("limit=1")).GetProperty("nextCursor").GetString()!;
        var altered = cursor[..^2] + (cursor[^2] == 'A' ? 'B' : 'A') + cursor[^1];

        await Problem(await _api.Admin(HttpMethod.Get, $"/v1/admin/users?limit=1&cursor={altered}"), HttpStatusCode.BadRequest, "validation-failed");
        await Problem(await _api.Admin(HttpMethod.Get, $"/v1/admin/users?limit=1&status=confirmed&cursor={cursor}"), HttpStatusCode.BadRequest, "validation-failed");
        await Problem(await _api.Send(HttpMethod.Get, $"/v1/admin/users?limit=1&cursor={cursor}", "wrong-key"), HttpStatusCode.Unauthorized, "invalid-admin-key");
        await Json(await _api.Admin(HttpMethod.Get, $"/v1/admin/users?limit=5&cursor={cursor}"));
    }

    [Fact]
    public async Task The_list_and_the_stats_refuse_a_wrong_key()
    {
        foreach (var path in new[] { "/v1/admin/users", "/v1/admin/users?q=a", "/v1/admin/stats" })
        {
            await Problem(await _api.Send(HttpMethod.Get, path, "wrong-key"), HttpStatusCode.Unauthorized, "invalid-admin-key");
            await Problem(await _api.Send(HttpMethod.Get, path), HttpStatusCode.Unauthorized, "invalid-admin-key");
        }
    }

    [Fact]
    public async Task An_admin_ends_one_session_and_its_device_shows_the_user_logged_out()
    {
        var (phone, laptop) = (await _api.NewDevice(), await _api.NewDevice());
        var (account, onPhone) = await _api.NewUser(phone);
        await _api.LogIn(laptop, account);
        var session = (await _api.AdminViewOf(account.UserId)).GetProperty("sessions").EnumerateArray()
            .Single(s => s.GetProperty("deviceId").GetString() == phone.Id).GetProperty("sessionId").GetString();

        await NoContent(await _api.Admin(HttpMethod.Delete, $"/v1/admin/users/{account.UserId}/sessions/{session}"));

        Assert.Equal("loggedOut", await _api.StateOf(phone, account.UserId));
        Assert.Equal("active", await _api.StateOf(laptop, account.UserId));
        await Problem(await _api.Profile(onPhone.AccessToken), HttpStatusCode.Unauthorized, "session-revoked");
        await Problem(await _api.Admin(HttpMethod.Delete, $"/v1/admin/users/{account.UserId}/sessions/{session}"), HttpStatusCode.NotFound, "session-not-found");
        await Problem(await _api.Admin(HttpMethod.Delete, $"/v1/admin/users/000000000000000000000000/sessions/{session}"), HttpStatusCode.NotFound, "user-not-found");
        await Problem(await _api.Admin(HttpMethod.Delete, $"/v1/admin/users/not-an-id/sessions/{session}"), HttpStatusCode.NotFound, "user-not-found");
        await Problem(await _api.Send(HttpMethod.Delete, $"/v1/admin/users/{account.UserId}/sessions/{session}", "wrong-key"), HttpStatusCode.Unauthorized, "invalid-admin-key");
    }

    [Fact]
    public async Task A_rebuild_lists_every_user_again_with_the_same_counts()
    {
        var device = await _api.NewDevice();
        var account = await _api.Register();
        await _api.LogIn(device, Anonymous);
        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{account.UserId}/disable"));
        await Shows(account.UserId, "status=disabled");
        var before = await _api.Stats();

        var rebuilt = await _api.RebuildDirectory();

        Assert.Equal(AllUsers(before), rebuilt.GetProperty("users").GetInt64());
        Assert.True(rebuilt.GetProperty("relisted").GetInt64() >= AllUsers(before));
        Assert.Equal(before.GetRawText(), (await _api.Stats()).GetRawText());
        await Shows(account.UserId, "status=disabled");
        await Problem(await _api.Send(HttpMethod.Post, Rebuild, "wrong-key"), HttpStatusCode.Unauthorized, "invalid-admin-key");
        await Problem(await _api.Send(HttpMethod.Get, Rebuild, "wrong-key"), HttpStatusCode.Unauthorized, "invalid-admin-key");
    }

    private async Task<JsonElement> List(string query) => await Json(await _api.Admin(HttpMethod.Get, $"/v1/admin/users?{query}"));

    /// <summary>Waits, at most a second, until the user is listed by <paramref name="filter"/> as <paramref name="check"/> says.</summary>
    private async Task Shows(string userId, string filter, Func<JsonElement, bool>? check = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var found = (await List($"q={userId}&{filter}")).GetProperty("users").EnumerateArray().ToList();
            if (found.Count == 1 && (check is null || check(found[0])))
            {
                return;
            }

            Assert.True(clock.Elapsed < Budget, $"User {userId} is not listed by {filter} as expected after {clock.Elapsed}.");
            await Task.Delay(20);
        }
    }

    private async Task Gone(string userId)
    {
        var clock = Stopwatch.StartNew();
        while ((await List($"q={userId}")).GetProperty("users").GetArrayLength() > 0)
        {
            Assert.True(clock.Elapsed < Budget, $"User {userId} is still listed after {clock.Elapsed}.");
            await Task.Delay(20);
        }
    }
}
