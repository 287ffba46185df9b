namespace OrleansSessions.Grains.Users;

/// <summary>
/// The deliveries a user grain has still to make, newest per destination, persisted with the change that made
/// them. A delivery leaves only once it arrived and nothing newer replaced it meanwhile.
/// </summary>
public sealed class Outbox(UserState state)
{
    public bool IsEmpty => state.Outbox.Count == 0;

    /// <summary>A snapshot of what is pending.</summary>
    public IReadOnlyList<Delivery> Pending => state.Outbox.Values.ToList();

    public void Put(Delivery delivery) => state.Outbox[delivery.Destination] = delivery;

    public T? Find<T>(string destination) where T : Delivery => state.Outbox.GetValueOrDefault(destination) as T;

    /// <summary>Takes a delivery that arrived out, unless a newer one to its destination took its place.</summary>
    public void Delivered(Delivery delivery)
    {
        if (state.Outbox.TryGetValue(delivery.Destination, out var current) && current == delivery)
        {
            state.Outbox.Remove(delivery.Destination);
        }
    }
}
