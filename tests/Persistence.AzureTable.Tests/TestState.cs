namespace OrleansSessions.Persistence.AzureTable.Tests;

/// <summary>The grain state the storage tests write.</summary>
public sealed class TestState
{
    /// <summary>A short value.</summary>
    public string? Text { get; set; }

    /// <summary>A payload to make the state large.</summary>
    public byte[]? Payload { get; set; }
}
