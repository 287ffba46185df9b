using System.ComponentModel.DataAnnotations;

namespace OrleansSessions.Gateway.Limits;

/// <summary>
/// The per-client-address limit (<c>Sessions:RateLimits</c>): a token bucket refilled every second. The default
/// lets one address (many users behind one NAT) log in hundreds of times a second.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests per second per address; 0 turns the limit off.</summary>
    [Range(0, 1_000_000)]
    public int PerAddressPerSecond { get; set; } = 200;

    /// <summary>How many requests an address may make at once after a quiet spell.</summary>
    [Range(1, 1_000_000)]
    public int PerAddressBurst { get; set; } = 400;

    /// <summary>
    /// How many password checks (logins and links with a password, registrations, resets, password changes) one address
    /// may have running at once, as many more waiting; 0 turns the limit off. Each costs a silo core about 60 ms of Argon2id.
    /// </summary>
    [Range(0, 10_000)]
    public int PerAddressConcurrentPasswordChecks { get; set; } = 4;

    /// <summary>
    /// Failed authentications (forged device or refresh tokens) per address in a minute; past them the address gets 429
    /// on the routes those tokens open until the minute is over. 0 turns the limit off.
    /// Forged tokens cost no grain (<see cref="Tokens.TokenSeal"/>); the limit bounds what one address may try.
    /// </summary>
    [Range(0, 1_000_000)]
    public int FailedAuthenticationsPerMinute { get; set; } = 600;

    /// <summary>How many devices one address may register in an hour; 0 turns the limit off.</summary>
    [Range(0, 1_000_000)]
    public int PerAddressDeviceRegistrationsPerHour { get; set; } = 1000;
}
