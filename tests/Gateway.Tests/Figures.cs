namespace OrleansSessions.Gateway.Tests;

/// <summary>A figure a test measured: in .local/test-results, which ./test.sh prints at the end of a run.</summary>
public static class Figures
{
    public static void Write(string name, string line)
    {
        var results = Path.Combine(RepositoryRoot.Path, ".local", "test-results");
        Directory.CreateDirectory(results);
        File.AppendAllText(Path.Combine(results, $"{name}.txt"), line + Environment.NewLine);
    }
}
