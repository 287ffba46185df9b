namespace OrleansSessions.Persistence.Tests;

/// <summary>A grain that keeps one value in the default grain storage.</summary>
public interface IPersistentTestGrain : IGrainWithStringKey
{
    /// <summary>Stores <paramref name="text"/>.</summary>
    Task SetAsync(string text);

    /// <summary>The stored value.</summary>
    Task<string?> GetAsync();

    /// <summary>The id of the grain's current activation.</summary>
    Task<string> GetActivationIdAsync();

    /// <summary>Deactivates the grain once this call returns.</summary>
    Task DeactivateAsync();
}
