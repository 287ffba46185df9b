using System.Diagnostics.CodeAnalysis;

namespace OrleansSessions.Persistence.Tests;

/// <summary>A grain-state object, as a grain's <c>IPersistentState</c> holds one, for calling the provider directly.</summary>
public sealed class TestGrainState : IGrainState<TestState>
{
    /// <inheritdoc/>
    /// <remarks>Typed non-null: the provider must never leave it null, and the tests check that it does not.</remarks>
    [AllowNull]
    public TestState State { get; set; } = new();

    /// <inheritdoc/>
    public string? ETag { get; set; }

    /// <inheritdoc/>
    public bool RecordExists { get; set; }
}
