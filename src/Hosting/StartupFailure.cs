namespace OrleansSessions.Hosting;

/// <summary>Runs a host so that a failure caused by a setting ends in one clear line, not a stack trace.</summary>
public static class StartupFailure
{
    /// <summary>Runs <paramref name="run"/>; a <see cref="StartupException"/> is printed and exits with code 1.</summary>
    public static async Task<int> RunAsync(Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (StartupException failure)
        {
            await Console.Error.WriteLineAsync(
                $"OrleansSessions could not start: {failure.Message} Check the setting {failure.Setting} "
                + $"(environment variable {failure.Setting.Replace(":", "__")}).");
            return 1;
        }
    }
}
