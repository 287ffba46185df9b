namespace OrleansSessions.Abstractions;

/// <summary>A secret (a password) passed to a grain; it prints as stars, so no log can show it.</summary>
[GenerateSerializer, Immutable, Alias("OrleansSessions.Secret")]
public sealed record Secret(string Value)
{
    public override string ToString() => "***";
}
