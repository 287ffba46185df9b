using OrleansSessions.TestSupport;

namespace OrleansSessions.MultiProcess.Tests;

/// <summary>
/// A silo or gateway process given a bad setting stops at once with exit code 1, and its last line names the
/// setting: what an operator reads in a container's log.
/// </summary>
public sealed class StartupErrorTests
{
    public static TheoryData<string, string, string, string> BadSettings => new()
    {
        { "Gateway", "Sessions__AccessTokenLifetime", "half an hour", "'Sessions:AccessTokenLifetime'" },
        { "Gateway", "Sessions__MaxUsersPerDevice", "0", "MaxUsersPerDevice" },
        { "Gateway", "Sessions__RefreshTokenLifetime", "00:01:00", "The field RefreshTokenLifetime must be between 00:30:00 and 180.00:00:00." },
        { "Gateway", "Sessions__RateLimits__PerAddressBurst", "0", "'SessionsOptions.RateLimits' members: 'PerAddressBurst'" },
        { "Gateway", "Sessions__RequireEmailConfirmation", "true", "Sessions:RequireEmailConfirmation is on, but no email can be sent" },
        { "Gateway", "Sessions__Email__Smtp__Host", "127.0.0.1", "ConfirmationUrl" },
        { "Gateway", "Sessions__Email__Smtp__Tls", "ssl", "'Sessions:Email:Smtp:Tls'" },
        { "Silo", "Sessions__Lockout__MaxFailures", "0", "'SessionPolicyOptions.Lockout' members: 'MaxFailures'" },
        { "Silo", "Cluster__Redis", "127.0.0.1:1", "Check the setting Cluster:Redis (environment variable Cluster__Redis)." },
        { "Silo", "Cluster__KubernetesHosting", "true", "POD_NAME and POD_NAMESPACE environment variables are not set" },
        { "Silo", "Cluster__Membership", "etcd", "'Cluster:Membership'" },
        { "Gateway", "Cluster__Membership", "azuretable", "Check the setting Cluster:AzureTableStorage (environment variable Cluster__AzureTableStorage)." },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_the_process_with_one_line_naming_it(string project, string name, string value, string expected)
    {
        var directory = Path.Combine(RepositoryRoot.Path, "src", project, "bin", ProcessCluster.Configuration, "net10.0");
        var settings = new Dictionary<string, string>
        {
            [name] = value,
            ["Cluster__AzureTableStorage"] = "UseDevelopmentStorage=true",
            ["Embedded__Storage"] = "memory",
            ["Embedded__SiloPort"] = FreePort.Next().ToString(),
            ["Embedded__GatewayPort"] = FreePort.Next().ToString(),
            ["Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(),
        };
        if (name == "Cluster__KubernetesHosting")
        {
            settings["Cluster__Redis"] = "127.0.0.1:1";
        }
        else if (name != "Cluster__Redis")
        {
            settings.Remove("Cluster__AzureTableStorage");
        }

        await using var process = RecordedProcess.Start(
            "dotnet", [Path.Combine(directory, $"OrleansSessions.{project}.dll"), "--urls", $"http://127.0.0.1:{FreePort.Next()}"],
            directory, settings);

        var exitCode = await process.ExitCodeAsync(TimeSpan.FromSeconds(60));

        var lastLine = process.Output.TrimEnd().Split('\n')[^1];
        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{process.Output}");
        Assert.StartsWith("OrleansSessions could not start: ", lastLine);
        Assert.Contains(expected, lastLine);
        Assert.DoesNotContain("Unhandled exception", process.Output);
    }
}
