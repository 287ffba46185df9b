using System.Security.Cryptography;
using System.Text;

namespace OrleansSessions.Abstractions.Email;

/// <summary>
/// One shard of the durable email outbox (keys 0 to <see cref="Shards"/> - 1, by recipient): an email is stored
/// before the request that asked for it is answered, leased to a gateway that sends it, and dropped once sent (or
/// once its token has expired unsent). Gateways lease from every shard on a timer, so mail left pending by a crash
/// is picked up again without reminders.
/// </summary>
[Alias("OrleansSessions.IEmailOutboxGrain")]
public interface IEmailOutboxGrain : IGrainWithIntegerKey
{
    public const int Shards = 8;

    /// <summary>How many emails one shard holds at most; past it new emails are refused.</summary>
    public const int Capacity = 1000;

    /// <summary>The shard of a recipient: stable across processes, so one address's emails keep their order.</summary>
    public static int ShardOf(string to) => SHA256.HashData(Encoding.UTF8.GetBytes(to))[0] % Shards;

    /// <summary>Stores an email durably; false (and nothing stored) when the shard is full.</summary>
    [Alias("Enqueue")]
    Task<bool> Enqueue(QueuedEmail email);

    /// <summary>
    /// Up to <paramref name="max"/> emails that are due, each leased for <paramref name="leaseFor"/> (after which it
    /// is due again, should its sender have vanished).
    /// </summary>
    [Alias("Lease")]
    Task<IReadOnlyList<LeasedEmail>> Lease(int max, TimeSpan leaseFor);

    /// <summary>Drops a sent email.</summary>
    [Alias("Sent")]
    Task Sent(Guid id);

    /// <summary>Makes a leased email due again after <paramref name="retryAfter"/>.</summary>
    [Alias("Failed")]
    Task Failed(Guid id, TimeSpan retryAfter);
}
