using System.Diagnostics;
using System.Net;
using System.Text.Json;
using static OrleansSessions.Gateway.Tests.Api;

namespace OrleansSessions.Gateway.Tests;

/// <summary>The user directory calls the directory tests share (ADMIN.md).</summary>
public static class DirectoryCalls
{
    public const string Rebuild = "/v1/admin/directory/rebuild";

    public static async Task<JsonElement> Stats(this Api api) => await Json(await api.Admin(HttpMethod.Get, "/v1/admin/stats"));

    public static long Count(JsonElement stats, string name) => stats.GetProperty(name).GetInt64();

    /// <summary>Every user has one status, so the users of the three are all the users.</summary>
    public static long AllUsers(JsonElement stats) =>
        stats.GetProperty("users").EnumerateObject().Sum(status => status.Value.GetInt64());

    /// <summary>Starts a rebuild (a 202 naming where its status is) and waits until it is done; answers its status.</summary>
    public static async Task<JsonElement> RebuildDirectory(this Api api)
    {
        var started = await api.Admin(HttpMethod.Post, Rebuild);
        Assert.Equal(Rebuild, started.Headers.Location?.OriginalString);
        Assert.Contains((await Json(started, HttpStatusCode.Accepted)).GetProperty("state").GetString(), new[] { "running", "done" });
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var status = await Json(await api.Admin(HttpMethod.Get, Rebuild));
            if (status.GetProperty("state").GetString() == "done")
            {
                return status;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"The rebuild is still {status} after {clock.Elapsed}.");
            await Task.Delay(50);
        }
    }
}
