namespace OrleansSessions.TestSupport;

/// <summary>The folder that holds OrleansSessions.sln, found from the test assembly upwards.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "OrleansSessions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No OrleansSessions.sln above {AppContext.BaseDirectory}.");
    }
}
