namespace OrleansSessions.Hosting.Embedded;

/// <summary>Where the embedded mode keeps grain state (<c>Embedded__Storage</c>).</summary>
public enum EmbeddedStore
{
    /// <summary>One SQLite file in the data directory: it outlives the process (the default).</summary>
    Sqlite,

    /// <summary>This process's memory: lost when it stops, for throwaway runs and tests.</summary>
    Memory,
}
