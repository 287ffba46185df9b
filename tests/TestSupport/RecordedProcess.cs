using System.Diagnostics;
using System.Text;

namespace OrleansSessions.TestSupport;

/// <summary>A child process whose output is kept, to explain a failure; killed with its whole tree on dispose.</summary>
public sealed class RecordedProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _standardOutput = new();
    private readonly Process _process;

    private RecordedProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static RecordedProcess Start(
        string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"Could not start '{fileName}': is it installed and on the PATH?", exception);
        }

        var recorded = new RecordedProcess(process);
        process.OutputDataReceived += (_, line) => recorded.Record(line.Data, standardOutput: true);
        process.ErrorDataReceived += (_, line) => recorded.Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return recorded;
    }

    /// <summary>Runs a command to its end; a failure or a time-out throws with its output.</summary>
    public static async Task RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        await using var process = Start(fileName, arguments, workingDirectory);
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process._process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}:\n{process.Output}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{process.Output}");
        }
    }

    /// <summary>Kills the process and its children at once (a crash, as <c>kill -9</c>).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>The exit code, once the process has ended by itself (within <paramref name="timeout"/>).</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    /// <summary>What the process wrote to its standard output, once it has ended (within <paramref name="timeout"/>).</summary>
    public async Task<string> StandardOutputAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        lock (_output)
        {
            return _standardOutput.ToString();
        }
    }

    private void Record(string? line, bool standardOutput = false)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
                if (standardOutput)
                {
                    _standardOutput.AppendLine(line);
                }
            }
        }
    }
}
