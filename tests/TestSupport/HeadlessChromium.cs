namespace OrleansSessions.TestSupport;

/// <summary>Debian's Chromium, headless, as the tests use it: the DOM of a page after its scripts ran, or a screenshot.</summary>
public static class HeadlessChromium
{
    private static readonly string[] Quiet =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
        "--disable-background-networking", "--disable-component-update",
    ];

    /// <summary>The page's DOM once its scripts have run for <paramref name="budget"/> of virtual time.</summary>
    public static async Task<string> DumpDomAsync(Uri page, TimeSpan budget)
    {
        var profile = await InstallAndProfileAsync();
        await using var chromium = RecordedProcess.Start("chromium",
            [.. Quiet, $"--user-data-dir={profile}", $"--virtual-time-budget={(int)budget.TotalMilliseconds}", "--dump-dom", page.ToString()],
            profile);
        return await chromium.StandardOutputAsync(TimeSpan.FromSeconds(60));
    }

    private static async Task<string> InstallAndProfileAsync()
    {
        await RecordedProcess.RunAsync(
            "sh", [Path.Combine(RepositoryRoot.Path, "deploy", "chromium", "install.sh")], RepositoryRoot.Path, TimeSpan.FromMinutes(5));
        return Directory.CreateTempSubdirectory("chromium-").FullName;
    }
}
