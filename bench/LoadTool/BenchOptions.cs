using System.Globalization;

namespace OrleansSessions.LoadTool;

/// <summary>Everything a benchmark run can be told; the defaults are the full run of bench/run.sh.</summary>
public sealed class BenchOptions
{
    public Uri Gateway { get; set; } = new("http://127.0.0.1:5080");

    public string? AdminKey { get; set; }

    public int Concurrency { get; set; } = 64;

    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan WarmUp { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Users logged in (3 per device) before the read, refresh and switch scenarios.</summary>
    public int Users { get; set; } = 1000;

    /// <summary>Devices (one password user each) used by the login scenario.</summary>
    public int LoginUsers { get; set; } = 64;

    /// <summary>Fan-out sizes and measured repetitions, "N:reps,...".</summary>
    public List<(int Devices, int Repetitions)> FanOut { get; set; } = [(1, 20), (100, 10), (1000, 5), (10000, 1)];

    /// <summary>Devices listed to verify a revoke reached them (all when N is smaller).</summary>
    public int FanOutVerifySample { get; set; } = 1000;

    public int MemoryDevices { get; set; } = 100_000;

    public int MemoryUsersPerDevice { get; set; } = 3;

    /// <summary>Path of the PEM private key (EC P-256) whose public half the gateway trusts for custom-token logins.</summary>
    public string? CustomTokenKeyPath { get; set; }

    public string CustomTokenIssuer { get; set; } = "bench-issuer";

    public string OutputDirectory { get; set; } = "bench/results";

    /// <summary>Baselines and the memory host in child processes (the full run) or in this process (the smoke test).</summary>
    public bool ChildProcesses { get; set; } = true;

    /// <summary>Scenarios to run (all when empty): read, refresh, switch, login, fanout, memory.</summary>
    public HashSet<string> Only { get; set; } = [];

    /// <summary>Free text for the report: what else ran on the machine.</summary>
    public string? MachineNote { get; set; }

    public bool Runs(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--gateway": options.Gateway = new Uri(Next()); break;
                case "--admin-key": options.AdminKey = Next(); break;
                case "--concurrency": options.Concurrency = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--duration": options.Duration = Seconds(Next()); break;
                case "--warmup": options.WarmUp = Seconds(Next()); break;
                case "--users": options.Users = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--login-users": options.LoginUsers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--fanout": options.FanOut = ParseFanOut(Next()); break;
                case "--fanout-verify-sample": options.FanOutVerifySample = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--memory-devices": options.MemoryDevices = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--memory-users-per-device": options.MemoryUsersPerDevice = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--custom-token-key": options.CustomTokenKeyPath = Next(); break;
                case "--custom-token-issuer": options.CustomTokenIssuer = Next(); break;
                case "--out": options.OutputDirectory = Next(); break;
                case "--in-process": options.ChildProcesses = false; break;
                case "--only": options.Only = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                case "--machine-note": options.MachineNote = Next(); break;
                default: throw new ArgumentException($"Unknown option {args[i]}");
            }
        }

        if (options.Concurrency < 1 || options.Duration <= TimeSpan.Zero || options.WarmUp < TimeSpan.Zero)
        {
            throw new ArgumentException("--concurrency must be ≥ 1, --duration > 0, --warmup ≥ 0");
        }

        if (!options.Gateway.IsLoopback)
        {
            throw new ArgumentException("--gateway must be a loopback address: this tool only loads the local machine");
        }

        return options;
    }

    public static List<(int, int)> ParseFanOut(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var pieces = part.Split(':');
            return (int.Parse(pieces[0], CultureInfo.InvariantCulture),
                pieces.Length > 1 ? int.Parse(pieces[1], CultureInfo.InvariantCulture) : 3);
        })];

    private static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
}
