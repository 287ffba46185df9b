namespace OrleansSessions.Abstractions;

/// <summary>
/// A refusal by a rule of the session tier, carrying one of <see cref="ErrorCodes"/>. It crosses grain calls
/// intact, and the gateway turns it into a problem response.
/// </summary>
[GenerateSerializer, Alias("OrleansSessions.SessionsException")]
public sealed class SessionsException(string code, string message) : Exception(message)
{
    [Id(0)]
    public string Code { get; } = code;

    /// <summary>When a refusal is temporary (<c>rate-limited</c>), how long until trying again makes sense.</summary>
    [Id(1)]
    public TimeSpan? RetryAfter { get; init; }
}
