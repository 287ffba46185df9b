using Microsoft.Extensions.Options;

namespace OrleansSessions.Hosting;

/// <summary>Runs a host so that a failure caused by a setting ends in one clear line, not a stack trace.</summary>
public static class StartupFailure
{
    /// <summary>
    /// Runs <paramref name="run"/>. A setting that names something unreachable (<see cref="StartupException"/>), a
    /// value that cannot be read, or one that breaks a rule is printed on one line, with exit code 1; a stop asked
    /// for while the host was still starting ends it quietly.
    /// </summary>
    public static async Task<int> RunAsync(Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (StartupException failure)
        {
            return await FailAsync(
                $"{failure.Message} Check the setting {failure.Setting} (environment variable {failure.Setting.Replace(":", "__")}).");
        }
        catch (OptionsValidationException invalid)
        {
            return await FailAsync($"{string.Join(" ", invalid.Failures)} (environment variables use __ for :).");
        }
        catch (InvalidOperationException unreadable) when (unreadable.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            return await FailAsync($"{unreadable.Message} (environment variables use __ for :).");
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("OrleansSessions stopped before it had finished starting.");
            return 0;
        }
    }

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync($"OrleansSessions could not start: {message}");
        return 1;
    }
}
