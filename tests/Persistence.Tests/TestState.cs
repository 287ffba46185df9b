namespace OrleansSessions.Persistence.Tests;

/// <summary>The grain state the storage tests write; serializable as JSON and with Orleans's own serializer.</summary>
[GenerateSerializer]
public sealed class TestState
{
    /// <summary>A short value.</summary>
    [Id(0)]
    public string? Text { get; set; }

    /// <summary>A payload to make the state large.</summary>
    [Id(1)]
    public byte[]? Payload { get; set; }
}
