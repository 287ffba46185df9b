using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace OrleansSessions.TestSupport;

/// <summary>A child process whose output is kept, to explain a failure; killed with its whole tree on dispose.</summary>
public sealed partial class RecordedProcess : IAsyncDisposable
{
    // Linux signal numbers.
    private const int SigInt = 2;
    private const int SigCont = 18;
    private const int SigStop = 19;

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

    /// <summary>
    /// Stops the process as Ctrl+C does (SIGINT) and waits for it to exit; kills it if it is still there after
    /// <paramref name="grace"/>. Azurite saves its tables only on SIGINT.
    /// </summary>
    public async Task InterruptAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            Signal(SigInt);
            using var cancellation = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                // Still running after the grace period: killed below.
            }
        }

        await KillAsync();
    }

    /// <summary>Freezes the process (SIGSTOP), as a long GC pause, a stuck disk or a starved VM does.</summary>
    public void Pause() => Signal(SigStop);

    /// <summary>Lets a paused process run again (SIGCONT).</summary>
    public void Resume() => Signal(SigCont);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Resume(); // a paused process cannot be reaped until it runs
        }


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

    private void Signal(int signal)
    {
        if (SendSignal(_process.Id, signal) != 0 && !_process.HasExited)
        {
            throw new InvalidOperationException($"Could not send signal {signal} to process {_process.Id} (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);

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
