using System.Text.Json;
using OrleansSessions.TestSupport;

namespace OrleansSessions.Browser.Tests;

/// <summary>
/// The Node scripts in <c>browser/</c> that drive Debian's headless Chromium with playwright-core. Before the first
/// one runs, it installs Chromium (deploy/chromium/install.sh) and the packages pinned in package-lock.json
/// (playwright-core, axe-core: <c>npm ci</c>, only when a pinned version is not installed yet); no browser is downloaded.
/// </summary>
public sealed class BrowserScripts : IAsyncLifetime
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    public static string Folder { get; } = Path.Combine(RepositoryRoot.Path, "tests", "Browser.Tests", "browser");

    public async Task InitializeAsync()
    {
        await RecordedProcess.RunAsync(
            "sh", [Path.Combine(RepositoryRoot.Path, "deploy", "chromium", "install.sh")], RepositoryRoot.Path, InstallTimeout);
        if (!PinnedPackagesInstalled())
        {
            await RecordedProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Folder, InstallTimeout);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs <c>node script arguments…</c> to its end; its exit code and everything it wrote.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        await using var node = RecordedProcess.Start("node", [script, .. arguments], Folder);
        try
        {
            await node.StandardOutputAsync(timeout);
        }
        catch (OperationCanceledException)
        {
            return (-1, $"node {script} did not finish within {timeout}:\n{node.Output}");
        }

        return (node.ExitCode, node.Output);
    }

    private static bool PinnedPackagesInstalled() => new[] { "playwright-core", "axe-core" }.All(package =>
    {
        var installed = Path.Combine(Folder, "node_modules", package, "package.json");
        return File.Exists(installed)
            && VersionIn(installed, "version") == VersionIn(Path.Combine(Folder, "package.json"), "dependencies", package);
    });

    private static string? VersionIn(string packageJson, params string[] path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(packageJson));
        var element = document.RootElement;
        foreach (var name in path)
        {
            if (!element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.GetString();
    }
}
