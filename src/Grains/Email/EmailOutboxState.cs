using OrleansSessions.Abstractions.Email;

namespace OrleansSessions.Grains.Email;

/// <summary>The persisted emails of one outbox shard, oldest first.</summary>
[GenerateSerializer, Alias("OrleansSessions.EmailOutboxState")]
public sealed class EmailOutboxState
{
    [Id(0)] public List<QueuedEmail> Emails { get; set; } = [];
}
