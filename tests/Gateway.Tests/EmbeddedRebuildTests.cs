using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrleansSessions.Grains.UserDirectory;
using static OrleansSessions.Gateway.Tests.Api;
using static OrleansSessions.Gateway.Tests.DirectoryCalls;

namespace OrleansSessions.Gateway.Tests;

/// <summary>
/// The rebuild of the embedded default's directory from the users' state as its SQLite grain storage holds it: after
/// the directory lost every user, the rebuild lists them all again, each as it is.
/// </summary>
public sealed class EmbeddedRebuildTests(SqliteGateway gateway) : IClassFixture<SqliteGateway>, IDisposable
{
    private readonly Api _api = gateway.NewApi();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_rebuild_lists_every_user_of_the_sqlite_grain_state_again_with_the_same_counts()
    {
        var device = await _api.NewDevice();
        var (kept, disabled) = (await _api.Register(), await _api.Register());
        await _api.LogIn(device, kept);
        await NoContent(await _api.Admin(HttpMethod.Post, $"/v1/admin/users/{disabled.UserId}/disable"));
        var before = await _api.Stats();
        Assert.Equal(2, AllUsers(before));
        Assert.Equal(1, Count(before, "liveSessions"));

        await gateway.Services.GetRequiredService<IUserDirectory>().Clear();
        Assert.Equal(0, AllUsers(await _api.Stats()));
        var rebuilt = await _api.RebuildDirectory();

        Assert.Equal(2, rebuilt.GetProperty("users").GetInt64());
        Assert.Equal(before.GetRawText(), (await _api.Stats()).GetRawText());
        Assert.Equal(kept.UserId, await Listed($"q={kept.UserId}&status=confirmed"));
        Assert.Equal(disabled.UserId, await Listed($"q={disabled.UserId}&status=disabled"));
    }

    private async Task<string?> Listed(string query) =>
        Assert.Single((await Json(await _api.Admin(HttpMethod.Get, $"/v1/admin/users?{query}"))).GetProperty("users").EnumerateArray())
            .GetProperty("userId").GetString();
}
