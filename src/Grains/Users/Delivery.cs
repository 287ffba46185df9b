namespace OrleansSessions.Grains.Users;

/// <summary>
/// Something a user grain must tell another grain: persisted in the <see cref="Outbox"/> with the change that calls
/// for it, sent after, and retried until it arrives, also by the next activation. Each kind names its destination;
/// a newer delivery to a destination replaces one not yet sent, so a delivery carries the whole news, not a diff.
/// </summary>
[GenerateSerializer, Alias("OrleansSessions.Delivery")]
public abstract record Delivery
{
    /// <summary>Where it goes, unique across kinds (a prefix per kind).</summary>
    public abstract string Destination { get; }

    /// <summary>Sends it; the receiver must take a repeated or late delivery without harm.</summary>
    public abstract Task Send(IGrainFactory grains);
}
