using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using OrleansSessions.Abstractions;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace OrleansSessions.Gateway.Providers;

/// <summary>
/// A call to an outside party (an OpenID Provider, the Graph API, the webhook): any way it fails to answer usably is
/// <c>unavailable</c> (503), logged as a warning by its kind only (never a token, a secret or a payload). Each party is
/// called through the named <c>HttpClient</c> of its provider type.
/// </summary>
public static partial class OutsideParty
{
    public static async Task<T> CallAsync<T>(string party, ILogger logger, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception failure) when (IsOutsideFailure(failure))
        {
            LogUnavailable(logger, party, failure.GetType().Name);
            throw Unavailable(party);
        }
    }

    /// <summary>The party answered, but with something unusable.</summary>
    public static SessionsException Unusable(string party, ILogger logger, string what)
    {
        LogUnavailable(logger, party, what);
        return Unavailable(party);
    }

    private static SessionsException Unavailable(string party) =>
        new(ErrorCodes.Unavailable, $"The sign-in provider ({party}) cannot be reached; try again.");

    private static bool IsOutsideFailure(Exception failure) => failure is HttpRequestException or TimeoutRejectedException
        or BrokenCircuitException or TaskCanceledException or JsonException or IOException or InvalidOperationException
        or SecurityTokenException or ArgumentException;

    [LoggerMessage(1, LogLevel.Warning, "The sign-in provider {Party} did not answer usably: {Failure}")]
    private static partial void LogUnavailable(ILogger logger, string party, string failure);
}
