using OrleansSessions.Abstractions;
using OrleansSessions.Abstractions.ApiKeys;

namespace OrleansSessions.Grains.ApiKeys;

/// <summary>The persisted state of one API key: none until it is made, none again once deleted.</summary>
[GenerateSerializer, Alias("OrleansSessions.ApiKeyState")]
public sealed class ApiKeyState
{
    [Id(0)] public ApiKey? Key { get; set; }

    /// <summary>The SHA-256 hash of the key's secret, the only thing kept of it.</summary>
    [Id(1)] public TokenHash? Hash { get; set; }

    /// <summary>A server key's user exists for it alone, and goes with it.</summary>
    [Id(2)] public bool IsServerKey { get; set; }
}
