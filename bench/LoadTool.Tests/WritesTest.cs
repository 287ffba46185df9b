namespace OrleansSessions.LoadTool.Tests;

/// <summary>The bytes-written scenario runs, and a refresh writes the user's state without its audit trail.</summary>
public sealed class WritesTest
{
    [Fact]
    public async Task A_refresh_writes_only_the_user_state_and_does_not_grow_with_the_audit_trail()
    {
        var rows = await WritesScenario.RunAsync([1], auditEventsKept: 100);

        Assert.Equal(["login", "refresh", "switch", "refresh, audit trail full (100 events)", "revoke"], rows.Select(r => r.Operation));
        var (refresh, afterTrail) = (rows[1], rows[3]);
        Assert.All([refresh, afterTrail], r => Assert.Equal(1, r.Writes));
        Assert.All([refresh, afterTrail], r => Assert.Equal(0, r.Bytes("userAudit")));
        Assert.InRange(afterTrail.Bytes("user") - refresh.Bytes("user"), 0, 100);
        Assert.True(rows[2].Bytes("userAudit") > 0 && rows[2].Bytes("user") == 0, "a switch writes the trail, not the user");
    }
}
