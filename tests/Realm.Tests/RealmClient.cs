using OrleansSessions.TestSupport;

namespace OrleansSessions.Realm.Tests;

/// <summary>
/// The published realm-web client under Node: <c>npm ci</c> in <c>client/</c> once per test run (the version is pinned
/// by its package-lock.json), then one script of <c>client/flows</c> per test, against a gateway. A script prints
/// every password and token it handles as <c>secret: …</c>, so the gateway's log can be searched for them.
/// </summary>
public sealed class RealmClient
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "tests", "Realm.Tests", "client");

    private static readonly Lazy<Task> Installed = new(() =>
        RecordedProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Folder, TimeSpan.FromMinutes(5)));

    /// <summary>
    /// Runs <c>flows/{script}.mjs &lt;baseUrl&gt; &lt;appId&gt; &lt;adminKey&gt; [arguments]</c>; fails with the script's output
    /// unless it exits with 0 within a minute.
    /// </summary>
    public async Task<string> RunAsync(RealmGateway gateway, string script, params string[] arguments)
    {
        await Installed.Value;
        await using var node = RecordedProcess.Start(
            "node",
            [Path.Combine("flows", script + ".mjs"), gateway.BaseAddress.ToString().TrimEnd('/'), RealmGateway.AppId, GatewayHost.AdminKey, .. arguments],
            Folder);
        int exitCode;
        try
        {
            exitCode = await node.ExitCodeAsync(TimeSpan.FromSeconds(60));
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{script} did not finish:\n{node.Output}");
        }

        foreach (var line in node.Output.Split('\n'))
        {
            if (line.StartsWith("secret: ", StringComparison.Ordinal))
            {
                gateway.NoteSecret(line["secret: ".Length..].Trim());
            }
        }

        Assert.True(exitCode == 0, $"{script} failed (exit code {exitCode}):\n{node.Output}");
        return node.Output;
    }
}
